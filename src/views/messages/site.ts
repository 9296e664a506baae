// Words of the public reading site: article, home, topic, author pages and the privacy page.
import type { Catalog, Widen } from './common.js';

export const nl = {
  article: {
    byline: 'Door',
    and: 'en',
    publishedOn: 'Gepubliceerd op',
    moreAbout: 'Meer artikelen over:',
    related: 'Gerelateerde artikelen',
    share: 'Delen',
    shareEmail: 'Per e-mail',
    shareLinkedIn: 'LinkedIn',
    shareX: 'X',
    shareFacebook: 'Facebook',
    shareHint: (network: string) => `Delen via ${network} (opent de website van ${network})`,
    breadcrumbHome: 'Voorpagina',
    authorPhoto: (name: string) => `Foto van ${name}`,
  },
  card: {
    comments: (count: number) => (count === 1 ? '1 reactie' : `${count} reacties`),
    by: 'Door',
  },
  home: {
    title: 'Artikelen van onze experts',
    intro: 'Praktijkkennis van trainers, adviseurs en ondernemers, door henzelf geschreven.',
    latest: 'Nieuwste artikelen',
    bestGraded: 'Best gewaardeerd',
    bestGradedNote: (minVotes: number) =>
      `Artikelen met minstens ${minVotes === 1 ? '1 stem' : `${minVotes} stemmen`}; hoe meer stemmen, hoe zwaarder het gemiddelde telt.`,
    topics: 'Onderwerpen',
    empty: 'Er zijn nog geen artikelen gepubliceerd.',
    pageTitle: (n: number) => `Artikelen, pagina ${n}`,
  },
  topic: {
    title: (name: string) => `Artikelen over ${name}`,
    empty: 'Over dit onderwerp zijn nog geen artikelen gepubliceerd.',
    allTopics: 'Alle onderwerpen',
  },
  authors: {
    title: 'Onze auteurs',
    intro: 'De experts die op deze site schrijven.',
    // The excerpt before it already ends in an ellipsis when cut: the link is one plain word.
    more: 'meer',
    moreAbout: (name: string) => `over ${name}`,
    all: 'Alle auteurs',
    empty: 'Er zijn nog geen auteurs.',
  },
  author: {
    articles: (name: string) => `Artikelen van ${name}`,
    noArticles: 'Deze auteur heeft nog geen artikelen gepubliceerd.',
    website: 'Website',
    linkedin: 'LinkedIn-profiel',
    at: 'bij',
  },
  privacy: {
    title: 'Privacy',
    intro:
      'Op deze site kunt u lezen zonder account. Wat we van u bewaren als u waardeert, reageert of zich abonneert, leest u hieronder.',
    storedTitle: 'Wat we bewaren',
    stored: {
      hash: 'Uw internetadres (IP-adres) bewaren we nooit zoals het is. We bewaren alleen een versleutelde afgeleide (een hash met een geheime sleutel) die elke dag verandert, zodat we misbruik kunnen tegengaan zonder u te kunnen volgen.',
      grade:
        'Als u een artikel waardeert, bewaren we uw cijfer met een willekeurige lezerscode uit een cookie, zodat u uw cijfer later kunt wijzigen.',
      comment:
        'Als u reageert, tonen we uw naam en eventueel uw website boven uw reactie. Uw e-mailadres tonen we nooit; we gebruiken het alleen om u te laten weten dat er nieuwe reacties zijn, als u daarom vraagt.',
      newsletter:
        'Als u zich abonneert op een nieuwsbrief, bewaren we uw e-mailadres en wanneer en hoe u toestemming gaf. Elke e-mail bevat een link om u met één klik af te melden.',
      retention:
        'Vraagt u om de reacties te volgen of om een nieuwsbrief, maar bevestigt u dat niet, dan verwijderen we de aanvraag na 7 dagen, en uw e-mailadres ook als we het nergens anders voor bewaren. Tellingen tegen misbruik (onder een versleutelde afgeleide van uw internet- of e-mailadres) verdwijnen na een dag, of na de langere periode die de redactie voor zo’n telling instelt. Verzonden e-mail verdwijnt na 14 dagen uit onze verzendwachtrij, en een link om iets te bevestigen zodra die verlopen is.',
    },
    cookiesTitle: 'Cookies',
    cookies:
      'We gebruiken alleen cookies die de site nodig heeft: een lezerscode voor uw waardering en, in het beheer, een sessie. Er zijn geen cookies of scripts van derden, en de site laadt niets van andere websites.',
    removeTitle: 'Gegevens laten verwijderen',
    remove:
      'Wilt u weten wat we van u bewaren, of wilt u dat we het verwijderen? Stuur dan een e-mail aan de redactie vanaf het adres waar het om gaat. We verwijderen uw e-mailadres, abonnementen en volgverzoeken en anonimiseren uw reacties binnen een maand.',
  },
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  article: {
    byline: 'By',
    and: 'and',
    publishedOn: 'Published on',
    moreAbout: 'More articles about:',
    related: 'Related articles',
    share: 'Share',
    shareEmail: 'By e-mail',
    shareLinkedIn: 'LinkedIn',
    shareX: 'X',
    shareFacebook: 'Facebook',
    shareHint: (network: string) => `Share on ${network} (opens the ${network} website)`,
    breadcrumbHome: 'Home',
    authorPhoto: (name: string) => `Photo of ${name}`,
  },
  card: {
    comments: (count: number) => (count === 1 ? '1 comment' : `${count} comments`),
    by: 'By',
  },
  home: {
    title: 'Articles by our experts',
    intro:
      'Practical knowledge from trainers, consultants and entrepreneurs, written by themselves.',
    latest: 'Latest articles',
    bestGraded: 'Best rated',
    bestGradedNote: (minVotes: number) =>
      `Articles with at least ${minVotes === 1 ? '1 vote' : `${minVotes} votes`}; the more votes, the more the average counts.`,
    topics: 'Topics',
    empty: 'No articles have been published yet.',
    pageTitle: (n: number) => `Articles, page ${n}`,
  },
  topic: {
    title: (name: string) => `Articles about ${name}`,
    empty: 'No articles about this topic have been published yet.',
    allTopics: 'All topics',
  },
  authors: {
    title: 'Our authors',
    intro: 'The experts who write on this site.',
    more: 'more',
    moreAbout: (name: string) => `about ${name}`,
    all: 'All authors',
    empty: 'There are no authors yet.',
  },
  author: {
    articles: (name: string) => `Articles by ${name}`,
    noArticles: 'This author has not published any articles yet.',
    website: 'Website',
    linkedin: 'LinkedIn profile',
    at: 'at',
  },
  privacy: {
    title: 'Privacy',
    intro:
      'You can read this site without an account. Below is what we keep about you when you rate, comment or subscribe.',
    storedTitle: 'What we keep',
    stored: {
      hash: 'We never store your internet (IP) address as it is. We keep only a keyed hash of it that changes every day, so that we can stop abuse without being able to follow you.',
      grade:
        'When you rate an article, we keep your score with a random reader code from a cookie, so that you can change your score later.',
      comment:
        'When you comment, we show your name and, if given, your website above your comment. We never show your e-mail address; we use it only to tell you about new comments, if you ask for that.',
      newsletter:
        'When you subscribe to a newsletter, we keep your e-mail address and when and how you gave consent. Every e-mail has a link to unsubscribe with one click.',
      retention:
        'If you ask to follow the comments or to receive a newsletter but do not confirm it, we delete the request after 7 days, and your e-mail address too if we keep it for nothing else. Counts against abuse (kept under a keyed hash of your internet or e-mail address) are deleted after a day, or after the longer period the editors set for such a count. Sent e-mail leaves our sending queue after 14 days, and a confirmation link goes once it has expired.',
    },
    cookiesTitle: 'Cookies',
    cookies:
      'We use only the cookies the site needs: a reader code for your rating and, in the admin area, a session. There are no third-party cookies or scripts, and the site loads nothing from other websites.',
    removeTitle: 'Having your data removed',
    remove:
      'Would you like to know what we keep about you, or have it removed? Send an e-mail to the editors from the address concerned. We remove your e-mail address, subscriptions and follow requests and anonymise your comments within a month.',
  },
};
