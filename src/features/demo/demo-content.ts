// Demo content: fictional Dutch experts, companies and articles, written for Podium.
// Any likeness to real people or firms is accidental.

export interface DemoAuthor {
  key: string;
  name: string;
  company: string;
  roleLine: string;
  website: string;
  linkedin?: string;
  bio: string;
}

export interface DemoTopic {
  key: string;
  name: string;
  description: string;
}

export interface DemoArticle {
  title: string;
  lead: string;
  body: string;
  authors: string[];
  topics: string[];
  /** Days before the seed moment. */
  daysAgo: number;
}

export const demoTopics: DemoTopic[] = [
  { key: 'leiderschap', name: 'Leiderschap', description: 'Leidinggeven aan mensen en teams.' },
  { key: 'verkoop', name: 'Verkoop', description: 'Klantgesprekken, acquisitie en onderhandelen.' },
  {
    key: 'communicatie',
    name: 'Communicatie',
    description: 'Helder schrijven, spreken en luisteren.',
  },
  {
    key: 'ondernemen',
    name: 'Ondernemen',
    description: 'Een eigen bedrijf starten en laten groeien.',
  },
  {
    key: 'ontwikkeling',
    name: 'Persoonlijke ontwikkeling',
    description: 'Leren, groeien en gezond blijven werken.',
  },
  {
    key: 'klantcontact',
    name: 'Klantcontact',
    description: 'Service die klanten laat terugkomen.',
  },
];

export const demoAuthors: DemoAuthor[] = [
  {
    key: 'marloes',
    name: 'Marloes Verbeek',
    company: 'Kompasgroep Advies',
    roleLine: 'Teamcoach en organisatieadviseur',
    website: 'https://kompasgroep.example',
    linkedin: 'https://www.linkedin.com/in/marloes-verbeek-demo',
    bio: 'Marloes Verbeek (1974) begeleidt al twintig jaar teams die vastgelopen zijn in hun samenwerking. Ze werkte eerder als HR-manager in de zorg en weet hoe taai verandering kan zijn.\n\nHaar motto: **eerst luisteren, dan pas verbeteren.**',
  },
  {
    key: 'joost',
    name: 'Joost van Dalen',
    company: 'Van Dalen Verkooptraining',
    roleLine: 'Verkooptrainer',
    website: 'https://vandalenverkoop.example',
    bio: 'Joost van Dalen verkocht vijftien jaar kantoormeubilair voordat hij trainer werd. Tegenwoordig leert hij accountmanagers hoe ze een gesprek openen zonder meteen hun product aan te prijzen.',
  },
  {
    key: 'fatima',
    name: 'Fatima El Idrissi',
    company: 'Helder Schrijven BV',
    roleLine: 'Schrijfdocent en tekstschrijver',
    website: 'https://helderschrijven.example',
    bio: 'Fatima El Idrissi schrijft en herschrijft teksten voor gemeenten, verzekeraars en woningcorporaties. Ze gelooft dat elke brief in één keer begrijpelijk moet zijn, ook voor lezers die weinig tijd hebben.',
  },
  {
    key: 'pieter',
    name: 'Pieter Hoekstra',
    company: 'Noorderlicht Ondernemersadvies',
    roleLine: 'Adviseur voor starters en mkb',
    website: 'https://noorderlicht-advies.example',
    bio: 'Pieter Hoekstra begon zelf drie bedrijven, waarvan er één failliet ging. Juist van dat laatste leerde hij het meest. Hij helpt nu starters in Friesland en Groningen met hun eerste jaren als ondernemer.',
  },
  {
    key: 'sanne',
    name: 'Sanne de Groot',
    company: 'Veerkracht & Co',
    roleLine: 'Loopbaancoach',
    website: 'https://veerkrachtenco.example',
    bio: 'Sanne de Groot is loopbaancoach en schreef twee boeken over werkplezier. Ze werkt met professionals die twijfelen over hun volgende stap en helpt hen kiezen op basis van wat ze echt belangrijk vinden.',
  },
  {
    key: 'ruben',
    name: 'Ruben Smit',
    company: 'Klantwaarde Partners',
    roleLine: 'Specialist klantbeleving',
    website: 'https://klantwaarde.example',
    bio: 'Ruben Smit onderzoekt waarom klanten blijven of vertrekken. Hij leidde jarenlang een klantenservice met tachtig medewerkers en adviseert nu organisaties die hun service persoonlijker willen maken.',
  },
  {
    key: 'ingrid',
    name: 'Ingrid Bakker',
    company: 'Bakker Onderhandelingsadvies',
    roleLine: 'Onderhandelingstrainer',
    website: 'https://bakker-onderhandelen.example',
    bio: 'Ingrid Bakker onderhandelde twintig jaar over inkoopcontracten in de bouw. Ze traint nu inkopers en verkopers in rustig en goed voorbereid onderhandelen, zonder trucjes die de relatie beschadigen.',
  },
  {
    key: 'thomas',
    name: 'Thomas Jansen',
    company: 'Koers Leiderschapsprogramma’s',
    roleLine: 'Leiderschapstrainer',
    website: 'https://koersleiderschap.example',
    bio: 'Thomas Jansen was officier bij de landmacht en daarna operationeel directeur bij een logistiek bedrijf. In zijn trainingen draait het om één vraag: wat heeft je team vandaag van je nodig?',
  },
  {
    key: 'eva',
    name: 'Eva Mulder',
    company: 'Spreekuur Presentatietraining',
    roleLine: 'Presentatiecoach',
    website: 'https://spreekuur.example',
    bio: 'Eva Mulder was presentator bij een regionale omroep. Nu helpt ze specialisten die liever achter hun laptop zitten om met vertrouwen voor een zaal te staan en hun verhaal kort en helder te vertellen.',
  },
  {
    key: 'bram',
    name: 'Bram Kuipers',
    company: 'Acquisitiehuis',
    roleLine: 'Expert koude acquisitie',
    website: 'https://acquisitiehuis.example',
    bio: 'Bram Kuipers belt al sinds zijn negentiende met mensen die hem niet verwachten. Hij traint teams in telefonische acquisitie met respect voor de tijd van de ander, en schrijft over wat werkt en wat niet.',
  },
  {
    key: 'lotte',
    name: 'Lotte van der Meer',
    company: 'Werkritme',
    roleLine: 'Coach voor werkdruk en focus',
    website: 'https://werkritme.example',
    bio: 'Lotte van der Meer was projectleider in de ICT tot ze zelf vastliep door werkdruk. Ze coacht nu mensen die te veel ballen in de lucht houden en leert hen kiezen, plannen en op tijd stoppen.',
  },
  {
    key: 'daan',
    name: 'Daan Visser',
    company: 'Visser Strategie',
    roleLine: 'Strategisch adviseur',
    website: 'https://visserstrategie.example',
    bio: 'Daan Visser helpt directies van middelgrote bedrijven hun strategie terug te brengen tot een paar keuzes die iedereen kan uitleggen. Hij schrijft nog geen artikelen op deze site, maar staat al in de startblokken.',
  },
];

export const demoArticles: DemoArticle[] = [
  {
    title: 'Teamleiders kiezen te vaak voor rust in plaats van groei',
    lead: 'Veel teamleiders houden de vrede in hun team liever in stand dan dat ze moeilijke gesprekken voeren. Op korte termijn voelt dat prettig, op lange termijn staat het team stil.',
    body: `Wie net teamleider is geworden, wil vooral dat het team blijft draaien. Begrijpelijk, maar rust is niet hetzelfde als vooruitgang.

## Waarom we conflicten ontlopen

De meeste teamleiders zijn ooit gekozen omdat ze goed waren in het vak zelf. Leidinggeven leerden ze onderweg. Een lastig gesprek voelt dan als een risico voor de goede sfeer die ze met hun oud-collega's hebben.

## Wat een goede teamleider wel doet

- **Benoemt wat hij ziet.** Niet oordelen, wel beschrijven wat er gebeurt.
- **Vraagt door.** Wat zit er achter het gedrag van een collega?
- **Maakt afspraken.** Concreet, met een datum om erop terug te komen.
- **Houdt vol.** Eén gesprek verandert zelden iets; de opvolging wel.

## Tot slot

Rust in een team is mooi, maar alleen als die rust het gevolg is van goede afspraken. Niet als die rust het gevolg is van zwijgen.`,
    authors: ['marloes'],
    topics: ['leiderschap', 'communicatie'],
    daysAgo: 3,
  },
  {
    title: 'Open een verkoopgesprek met een vraag, niet met je product',
    lead: 'De eerste twee minuten van een verkoopgesprek bepalen of de klant zich gehoord voelt. Wie begint met zijn eigen product, verliest die minuten.',
    body: `Het is verleidelijk: je hebt een goed product en de klant zit tegenover je. Toch werkt een openingsvraag beter dan een openingspitch.

## De klant heeft een agenda

Elke klant komt met een eigen vraag het gesprek in, ook als die niet uitgesproken wordt. Tot die vraag op tafel ligt, luistert de klant maar half.

## Drie openingsvragen die werken

- Wat maakte dat u dit gesprek wilde hebben?
- Wat moet er na vandaag anders zijn?
- Wie zijn er nog meer bij deze beslissing betrokken?

## En dan het product

Pas als je weet wat de klant zoekt, kun je laten zien welk deel van je aanbod daarbij past. Dat gesprek is korter en prettiger voor beide kanten.`,
    authors: ['joost'],
    topics: ['verkoop', 'klantcontact'],
    daysAgo: 6,
  },
  {
    title: 'Schrijf de brief die u zelf in één keer zou begrijpen',
    lead: 'Veel zakelijke brieven worden twee keer gelezen en dan nog niet begrepen. Met een paar vaste gewoontes wordt elke tekst korter en duidelijker.',
    body: `Een brief van een organisatie leest de ontvanger vaak met enige spanning. Moet ik iets doen? Wanneer? Wat gebeurt er als ik niets doe?

## Begin met de boodschap

Zet in de eerste alinea wat er aan de hand is en wat de lezer moet doen. De uitleg komt daarna.

## Gewoontes van heldere schrijvers

- Eén onderwerp per alinea.
- Korte zinnen, maar niet allemaal even kort.
- Gewone woorden: *krijgen* in plaats van *ontvangen*, *over* in plaats van *inzake*.
- Een kop boven elk deel, zodat de lezer kan zoeken.

## Test het

Laat een collega die het onderwerp niet kent de brief lezen en vertellen wat er staat. Klopt dat met uw bedoeling? Dan bent u klaar.`,
    authors: ['fatima'],
    topics: ['communicatie'],
    daysAgo: 9,
  },
  {
    title: 'Het eerste jaar als ondernemer: vijf lessen uit de praktijk',
    lead: 'Een bedrijf starten is vooral veel tegelijk leren. Deze vijf lessen had ik graag eerder gehoord.',
    body: `Mijn eerste bedrijf startte ik vol enthousiasme en zonder plan. Dat ging twee jaar goed en daarna niet meer.

## De lessen

- **Reken met je slechtste maand**, niet met je beste.
- **Vraag vanaf dag één een aanbetaling** bij grote opdrachten.
- **Zeg nee** tegen klanten die niet bij je passen, ook als je het geld nodig hebt.
- **Houd je administratie wekelijks bij**, niet per kwartaal.
- **Zoek een sparringpartner** buiten je eigen vakgebied.

## Waarom juist deze vijf

Ze gaan allemaal over hetzelfde: overzicht houden als het druk is. Juist dan neem je de beslissingen waar je later spijt van krijgt.

## Tot slot

Ondernemen is geen sprint. Wie het eerste jaar rustig opbouwt, heeft in het derde jaar ruimte om te groeien.`,
    authors: ['pieter'],
    topics: ['ondernemen'],
    daysAgo: 14,
  },
  {
    title: 'Twijfelt u over uw loopbaan? Begin bij wat u energie geeft',
    lead: 'Wie vastloopt in zijn werk, zoekt vaak meteen naar een nieuwe functie. Beter is het om eerst uit te zoeken waar uw energie vandaan komt.',
    body: `Twijfel over werk is normaal. Bijna iedereen heeft momenten waarop het werk niet meer past. De vraag is wat u met die twijfel doet.

## Kijk terug voordat u vooruit kijkt

Schrijf een week lang elke dag op welke taken u energie gaven en welke energie kostten. Het patroon dat ontstaat, zegt meer dan een beroepentest.

## Vragen om uzelf te stellen

- Wanneer vergat ik de tijd?
- Welk compliment raakte me echt?
- Welke taak stel ik steeds uit, en waarom?

## Kleine stappen

Een nieuwe baan is niet altijd nodig. Soms is een andere taakverdeling in het huidige team al genoeg om weer met plezier te werken.`,
    authors: ['sanne'],
    topics: ['ontwikkeling'],
    daysAgo: 18,
  },
  {
    title: 'Klanten vertrekken zelden om de prijs',
    lead: 'Als een klant opzegt, wijst de organisatie vaak naar de concurrent die goedkoper is. Uit gesprekken met vertrekkende klanten blijkt iets anders.',
    body: `Wie vertrekkende klanten belt en echt doorvraagt, hoort zelden dat de prijs de doorslag gaf. Meestal is er iets eerder misgegaan.

## Wat klanten wel noemen

- Ze kregen steeds een andere medewerker aan de lijn.
- Een klacht werd beantwoord, maar niet opgelost.
- Ze hoorden alleen iets als er een rekening kwam.

## De prijs als laatste druppel

De prijs is het moment waarop de klant een reden vindt om te vertrekken. De beslissing zelf was al eerder genomen.

## Wat u morgen kunt doen

Bel deze week vijf klanten die vorig jaar vertrokken. Vraag niet of ze terugkomen, vraag wat er beter had gekund. De antwoorden zijn goud waard.`,
    authors: ['ruben'],
    topics: ['klantcontact', 'verkoop'],
    daysAgo: 22,
  },
  {
    title: 'Onderhandelen begint bij uw alternatief',
    lead: 'Wie geen alternatief heeft voor de deal op tafel, onderhandelt met lege handen. Een goede voorbereiding begint daarom niet bij de tegenpartij, maar bij uzelf.',
    body: `In elke onderhandeling is de belangrijkste vraag: wat doe ik als we er niet uitkomen? Het antwoord bepaalt hoe sterk u staat.

## Ken uw alternatief

Schrijf voor het gesprek op wat u doet als de deal niet doorgaat. Hoe beter dat alternatief, hoe rustiger u kunt onderhandelen.

## Voorbereiden in vier stappen

- Bepaal uw doel en uw ondergrens.
- Bedenk wat de ander nodig heeft, niet alleen wat hij vraagt.
- Zoek zaken die voor u weinig kosten en voor de ander veel waard zijn.
- Oefen de eerste vijf minuten hardop.

## De relatie telt mee

U ziet de meeste tegenpartijen terug. Een deal waar de ander zich bij de neus genomen voelt, kost u de volgende keer meer dan hij nu oplevert.`,
    authors: ['ingrid'],
    topics: ['verkoop'],
    daysAgo: 27,
  },
  {
    title: 'Wat heeft uw team vandaag van u nodig?',
    lead: 'Leiderschap is geen stijl die u één keer kiest. Het is een vraag die u elke dag opnieuw stelt: wat heeft mijn team nu nodig?',
    body: `Sommige dagen heeft een team richting nodig, andere dagen ruimte. Een leidinggevende die altijd hetzelfde doet, zit dus vaak ernaast.

## Drie situaties

- **Crisis:** het team wil duidelijkheid en snelle besluiten.
- **Groei:** het team wil ruimte om te proberen en fouten te maken.
- **Onzekerheid:** het team wil vooral eerlijke informatie, ook als die onvolledig is.

## Hoe weet u wat nodig is?

Vraag het. Een kort rondje aan het begin van de week levert meer op dan een jaarlijkse enquête.

## De valkuil

Wie zelf gestrest is, valt terug op zijn favoriete stijl. Juist dan is het de moeite waard om even stil te staan bij de vraag.`,
    authors: ['thomas', 'marloes'],
    topics: ['leiderschap'],
    daysAgo: 33,
  },
  {
    title: 'Een presentatie van tien minuten vraagt een uur voorbereiding',
    lead: 'Hoe korter de presentatie, hoe scherper de keuzes. Wie tien minuten krijgt, moet weten welke drie dingen het publiek moet onthouden.',
    body: `Een lange presentatie maken is makkelijk: alles mag erin. Een korte presentatie dwingt u te kiezen.

## Begin bij het einde

Wat moet het publiek na afloop weten, vinden of doen? Schrijf dat op in één zin. Alles wat daar niet aan bijdraagt, gaat eruit.

## Opbouw die werkt

- Een opening die aansluit bij het publiek, niet bij uzelf.
- Drie punten, elk met één voorbeeld.
- Een slot dat de openingszin herhaalt.

## Oefenen

Oefen hardop en met een klok. Bijna iedereen heeft meer tijd nodig dan hij denkt. Schrappen tijdens het oefenen is beter dan versnellen tijdens de presentatie.`,
    authors: ['eva'],
    topics: ['communicatie', 'ontwikkeling'],
    daysAgo: 41,
  },
  {
    title: 'Koud bellen zonder dat het koud voelt',
    lead: 'Niemand zit te wachten op een onverwacht telefoontje van een verkoper. Toch kan een eerste gesprek prettig zijn, als u de ander serieus neemt.',
    body: `Koude acquisitie heeft een slechte naam, en dat is niet zonder reden. Veel belscripts zijn gemaakt om de ander te overrompelen.

## Respect voor de tijd van de ander

Vraag aan het begin of het uitkomt. Als het antwoord nee is, vraag wanneer wel, en bel dan ook echt op dat moment.

## Een goed eerste gesprek

- Vertel in één zin wie u bent en waarom u belt.
- Stel een vraag over hun situatie, geen vraag die naar uw product leidt.
- Sluit af met een concrete volgende stap, of met een eerlijk nee.

## Cijfers

Een goed voorbereide beller heeft minder gesprekken nodig voor dezelfde afspraken. Voorbereiding is dus geen tijdverlies.`,
    authors: ['bram'],
    topics: ['verkoop', 'ondernemen'],
    daysAgo: 52,
  },
  {
    title: 'Minder ballen in de lucht, meer af',
    lead: 'Wie alles tegelijk wil doen, maakt weinig af. Focus is geen kwestie van discipline, maar van keuzes maken voordat de dag begint.',
    body: `Een volle agenda voelt productief, maar zegt weinig over wat er af komt. De meeste mensen overschatten wat ze op een dag kunnen doen.

## Kies drie dingen

Schrijf aan het eind van de werkdag op welke drie dingen u morgen af wilt hebben. Niet meer.

## Bescherm uw tijd

- Zet meldingen uit tijdens geconcentreerd werk.
- Plan overleg aaneengesloten, zodat er lange blokken overblijven.
- Zeg vaker: dat kan ik volgende week oppakken.

## Op tijd stoppen

Wie elke dag overwerkt, heeft geen werkdruk maar een planningsprobleem. Stoppen op een vaste tijd dwingt tot kiezen, en kiezen is precies wat focus geeft.`,
    authors: ['lotte'],
    topics: ['ontwikkeling'],
    daysAgo: 60,
  },
  {
    title: 'Goede service begint bij de medewerker aan de telefoon',
    lead: 'Een klantenservice kan alleen goed zijn als de medewerkers de ruimte krijgen om problemen echt op te lossen. Scripts en belduur zeggen daar weinig over.',
    body: `Veel klantenservices sturen op gemiddelde gespreksduur. Dat lijkt efficiënt, maar het leidt tot klanten die twee of drie keer moeten bellen.

## Geef medewerkers mandaat

Een medewerker die een vergoeding mag toekennen zonder overleg, lost in één gesprek op wat anders drie gesprekken kost.

## Wat wij veranderden

- Geen maximale gespreksduur meer.
- Elke medewerker mag tot een vast bedrag zelf compenseren.
- Wekelijks een half uur om lastige gesprekken samen te bespreken.

## Het resultaat

Na een half jaar daalde het aantal herhaalde telefoontjes met bijna een derde. Medewerkers bleven langer, en klanten merkten het verschil.`,
    authors: ['ruben', 'joost'],
    topics: ['klantcontact'],
    daysAgo: 75,
  },
];

/** 9+8+8+7+7+7+6+6+5+6 = 69 over 10 votes: a mean of 6.9. */
export const DEMO_GRADED_SCORES = [9, 8, 8, 7, 7, 7, 6, 6, 5, 6];

/**
 * A few more grades for other articles (by index), so that "best graded" has a ranking in
 * which the single 10 (index 3) stays below the article with ten high grades.
 */
export const demoOtherGrades: Record<number, number[]> = {
  1: [8, 9, 8, 9, 8, 9, 8, 9, 8, 9],
  3: [10],
  5: [7, 8, 6, 7, 8, 9],
  8: [6],
};

export interface DemoComment {
  name: string;
  website?: string;
  body: string;
  /** Written by the article's first author as a reply to the comment before it. */
  authorReply?: boolean;
  hoursAfter: number;
}

export const demoGradedComments: DemoComment[] = [
  {
    name: 'Wouter',
    body: 'Herkenbaar verhaal. Bij ons werd jarenlang niets gezegd over iemand die structureel te laat kwam.\nToen het eindelijk ter sprake kwam, was de irritatie al veel te groot geworden.',
    hoursAfter: 5,
  },
  {
    name: 'Marloes Verbeek',
    body: 'Beste Wouter,\n\nDank voor je reactie. Dat is precies het patroon: hoe langer je wacht, hoe zwaarder het gesprek wordt. Begin klein en begin vroeg.\n\nGroet,\nMarloes',
    authorReply: true,
    hoursAfter: 9,
  },
  {
    name: 'Annemiek de Vries',
    website: 'https://annemiek-coaching.example',
    body: 'Mooi artikel. Ik zou er nog aan toevoegen dat een teamleider ook zelf om feedback moet vragen. Dan wordt het voor het team makkelijker om terug te geven.',
    hoursAfter: 30,
  },
];

export const demoOtherComments: Record<number, DemoComment[]> = {
  1: [
    {
      name: 'Kees',
      body: 'De vraag "wie zijn er nog meer bij betrokken" heeft mij al vaak een hoop werk bespaard. Goede tip.',
      hoursAfter: 12,
    },
  ],
  5: [
    {
      name: 'Linda Hermans',
      body: 'Wij bellen sinds kort elke vertrekkende klant. Pijnlijk soms, maar zeer leerzaam.',
      hoursAfter: 20,
    },
    {
      name: 'Ruben Smit',
      body: 'Dank je, Linda. Pijnlijk is meestal een teken dat je de goede vragen stelt.',
      authorReply: true,
      hoursAfter: 26,
    },
  ],
};
