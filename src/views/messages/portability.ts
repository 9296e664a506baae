// Moving a site in and out: WordPress import, Podium export/import, backup and restore.
import type { Catalog, Widen } from './common.js';

export const nl = {
  errors: {
    encoding: (p: { encoding?: string }) =>
      `Het bestand is geen geldige UTF-8-tekst (${p.encoding ?? 'onbekende codering'}). Exporteer opnieuw vanuit WordPress.`,
    entities: () =>
      'Het bestand bevat een DOCTYPE met entiteiten (mogelijk een XML-aanval). Het is niet ingelezen.',
    malformed: (p: { detail?: string }) =>
      `Het bestand is geen geldige XML of is afgebroken${p.detail ? `: ${p.detail}` : ''}.`,
    not_wxr: () =>
      'Dit is geen WordPress-export (WXR): het <rss>/<channel>-blok ontbreekt of is niet compleet.',
    field_too_large: () => 'Een veld in het bestand is groter dan 32 MB en wordt niet ingelezen.',
    invalid_date: (p: { value?: string; context?: string }) =>
      `Ongeldige datum "${p.value ?? ''}" bij ${p.context ?? 'een item'}.`,
    not_podium_export: () => 'Dit is geen Podium-export (format "podium-export" ontbreekt).',
    unsupported_version: (p: { version?: string }) =>
      `Deze exportversie (${p.version ?? '?'}) wordt niet ondersteund.`,
    not_empty: (p: { table?: string }) =>
      `De database is niet leeg (tabel ${p.table ?? '?'} bevat gegevens). Een Podium-export wordt alleen in een lege database teruggezet.`,
    invalid_export: (p: { detail?: string }) =>
      `De export is onvolledig of ongeldig: ${p.detail ?? ''}`,
  },
  summary: {
    title: 'Samenvatting van de import',
    nothingWritten: 'Er is niets opgeslagen.',
    authors: (created: number, existing: number) =>
      `Auteurs: ${created} nieuw, ${existing} al aanwezig`,
    users: (n: number) => `Gebruikers uitgenodigd (rol auteur, nog zonder wachtwoord): ${n}`,
    topics: (created: number, existing: number) =>
      `Onderwerpen (categorieën en tags): ${created} nieuw, ${existing} al aanwezig`,
    articles: (created: number, existing: number) =>
      `Artikelen: ${created} nieuw, ${existing} al aanwezig`,
    byStatus: (published: number, scheduled: number, draft: number) =>
      `  gepubliceerd ${published}, gepland ${scheduled}, concept ${draft}`,
    pages: (created: number, existing: number) =>
      `Pagina's: ${created} nieuw, ${existing} al aanwezig`,
    comments: (created: number, existing: number) =>
      `Reacties: ${created} nieuw, ${existing} al aanwezig`,
    commentStates: (approved: number, pending: number, spam: number, deleted: number) =>
      `  goedgekeurd ${approved}, wacht op moderatie ${pending}, spam ${spam}, verwijderd ${deleted}`,
    authorReplies: (n: number) => `  antwoorden van de auteur (gemarkeerd als "Auteur"): ${n}`,
    flattened: (n: number) =>
      `  ${n} antwoord(en) op een antwoord hangen nu onder de eerste reactie van hun draad (Podium kent één antwoordniveau)`,
    ratings: (articles: number, votes: number) =>
      `Waarderingen: ${votes} stemmen bij ${articles} artikelen`,
    ratingScale: (stars: number, table: string) =>
      `  omgerekend van 1–${stars} sterren naar 1–10 met 1 + (gemiddelde − 1) × 9 / ${stars - 1} (${table}); de losse stemmen staan niet in de export: het aantal klopt precies, het gemiddelde zo dicht mogelijk (stemmen met lezerssleutel import:<n>)`,
    redirects: (n: number) => `Doorverwijzingen van oude adressen (301): ${n}`,
    images: (n: number) => `Afbeeldingen waarnaar verwezen wordt: ${n}`,
    imagesImported: (n: number) => `  daarvan overgenomen uit de uploadsmap: ${n}`,
    skipped: (n: number) => `Overgeslagen: ${n}`,
  },
  skipReasons: {
    attachment: 'bijlage (afbeeldingen staan in de lijst hierboven)',
    page_not_requested: "pagina (gebruik --pages om pagina's mee te nemen)",
    unsupported_type: 'inhoudstype dat Podium niet kent',
    trashed: 'stond in de prullenbak',
    auto_draft: 'automatisch concept of revisie',
    pingback: 'pingback of trackback',
    empty_comment: 'lege reactie',
    comment_too_long: 'reactie langer dan 5000 tekens',
    no_email: 'auteur zonder e-mailadres: gastauteur zonder login',
    email_invalid: 'auteur met een ongeldig e-mailadres: gastauteur zonder login',
    image_missing: 'afbeelding niet gevonden in de uploadsmap',
    image_unreadable: 'afbeelding kon niet worden gelezen',
  },
  progress: {
    reading: (mb: string, articles: number, comments: number) =>
      `${mb} MB gelezen, ${articles} artikelen, ${comments} reacties`,
  },
  page: {
    title: 'Import en export',
    exportTitle: 'Exporteren',
    exportText:
      'Download de hele site als één JSON-bestand (zonder wachtwoorden en tweestapsgeheimen). Met "podium import podium" zet u het terug in een lege database.',
    exportButton: 'Export downloaden',
    importTitle: 'WordPress-export inlezen',
    importText:
      'Kies een WXR-bestand (Extra → Exporteren in WordPress), hoogstens 200 MB. De import draait op de achtergrond; deze pagina toont de voortgang.',
    fileLabel: 'WXR-bestand',
    pagesLabel: "Ook pagina's importeren",
    importButton: 'Import starten',
    runsTitle: 'Recente imports',
    state: { queued: 'in de wachtrij', running: 'bezig', done: 'klaar', failed: 'mislukt' },
    runHeading: (id: number, file: string) => `Import ${id}: ${file}`,
    refreshing: 'Deze pagina ververst zichzelf tot de import klaar is.',
    noFile: 'Kies een WXR-bestand.',
    tooLarge: 'Het bestand is groter dan 200 MB.',
    started: 'De import is gestart.',
    backToList: 'Terug naar import en export',
  },
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  errors: {
    encoding: (p) =>
      `The file is not valid UTF-8 text (${p.encoding ?? 'unknown encoding'}). Export it again from WordPress.`,
    entities: () =>
      'The file contains a DOCTYPE with entities (possibly an XML attack). It was not read.',
    malformed: (p) => `The file is not valid XML or was cut off${p.detail ? `: ${p.detail}` : ''}.`,
    not_wxr: () =>
      'This is not a WordPress export (WXR): the <rss>/<channel> block is missing or incomplete.',
    field_too_large: () => 'A field in the file is larger than 32 MB and is not read.',
    invalid_date: (p) => `Invalid date "${p.value ?? ''}" in ${p.context ?? 'an item'}.`,
    not_podium_export: () => 'This is not a Podium export (format "podium-export" is missing).',
    unsupported_version: (p) => `This export version (${p.version ?? '?'}) is not supported.`,
    not_empty: (p) =>
      `The database is not empty (table ${p.table ?? '?'} has rows). A Podium export is only restored into an empty database.`,
    invalid_export: (p) => `The export is incomplete or invalid: ${p.detail ?? ''}`,
  },
  summary: {
    title: 'Import summary',
    nothingWritten: 'Nothing was stored.',
    authors: (created, existing) => `Authors: ${created} new, ${existing} already present`,
    users: (n) => `Users invited (role author, no password yet): ${n}`,
    topics: (created, existing) =>
      `Topics (categories and tags): ${created} new, ${existing} already present`,
    articles: (created, existing) => `Articles: ${created} new, ${existing} already present`,
    byStatus: (published, scheduled, draft) =>
      `  published ${published}, scheduled ${scheduled}, draft ${draft}`,
    pages: (created, existing) => `Pages: ${created} new, ${existing} already present`,
    comments: (created, existing) => `Comments: ${created} new, ${existing} already present`,
    commentStates: (approved, pending, spam, deleted) =>
      `  approved ${approved}, awaiting moderation ${pending}, spam ${spam}, deleted ${deleted}`,
    authorReplies: (n) => `  replies by the article's author (labelled "Author"): ${n}`,
    flattened: (n) =>
      `  ${n} reply/replies to a reply now hang under the first comment of their thread (Podium has one reply level)`,
    ratings: (articles, votes) => `Ratings: ${votes} votes on ${articles} articles`,
    ratingScale: (stars, table) =>
      `  converted from 1–${stars} stars to 1–10 with 1 + (mean − 1) × 9 / ${stars - 1} (${table}); single votes are not in the export: the count is exact, the mean as close as possible (votes with reader key import:<n>)`,
    redirects: (n) => `Redirects from old addresses (301): ${n}`,
    images: (n) => `Images referenced: ${n}`,
    imagesImported: (n) => `  of which taken from the uploads folder: ${n}`,
    skipped: (n) => `Skipped: ${n}`,
  },
  skipReasons: {
    attachment: 'attachment (images are in the list above)',
    page_not_requested: 'page (use --pages to include pages)',
    unsupported_type: 'content type Podium does not know',
    trashed: 'was in the trash',
    auto_draft: 'automatic draft or revision',
    pingback: 'pingback or trackback',
    empty_comment: 'empty comment',
    comment_too_long: 'comment longer than 5000 characters',
    no_email: 'author without e-mail address: guest author without a login',
    email_invalid: 'author with an invalid e-mail address: guest author without a login',
    image_missing: 'image not found in the uploads folder',
    image_unreadable: 'image could not be read',
  },
  progress: {
    reading: (mb, articles, comments) =>
      `${mb} MB read, ${articles} articles, ${comments} comments`,
  },
  page: {
    title: 'Import and export',
    exportTitle: 'Export',
    exportText:
      'Download the whole site as one JSON file (without passwords and two-factor secrets). "podium import podium" restores it into an empty database.',
    exportButton: 'Download export',
    importTitle: 'Read a WordPress export',
    importText:
      'Choose a WXR file (Tools → Export in WordPress), at most 200 MB. The import runs in the background; this page shows its progress.',
    fileLabel: 'WXR file',
    pagesLabel: 'Import pages too',
    importButton: 'Start import',
    runsTitle: 'Recent imports',
    state: { queued: 'queued', running: 'running', done: 'done', failed: 'failed' },
    runHeading: (id, file) => `Import ${id}: ${file}`,
    refreshing: 'This page refreshes itself until the import has finished.',
    noFile: 'Choose a WXR file.',
    tooLarge: 'The file is larger than 200 MB.',
    started: 'The import has started.',
    backToList: 'Back to import and export',
  },
};
