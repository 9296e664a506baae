// Words shared by every page: the shell, navigation, errors, pagination.
export const nl = {
  skipToContent: 'Naar de inhoud',
  nav: {
    home: 'Artikelen',
    authors: 'Auteurs',
    comments: 'Reacties',
    search: 'Zoeken',
    newsletter: 'Nieuwsbrief',
    admin: 'Beheer',
  },
  footer: {
    privacy: 'Privacy',
    feed: 'RSS-feed',
    poweredBy: 'Gemaakt met Podium',
  },
  pagination: {
    label: 'Paginering',
    previous: 'Vorige',
    next: 'Volgende',
    page: (n: number) => `Pagina ${n}`,
  },
  errors: {
    notFoundTitle: 'Pagina niet gevonden',
    notFoundText:
      'Deze pagina bestaat niet (meer). Misschien vindt u wat u zoekt via de zoekfunctie.',
    serverErrorTitle: 'Er ging iets mis',
    serverErrorText:
      'Door een fout aan onze kant kon deze pagina niet worden getoond. Probeer het later opnieuw.',
    backHome: 'Naar de voorpagina',
    not_found: 'Niet gevonden.',
    bad_request: 'Dit verzoek klopt niet.',
    validation: 'Controleer de gemarkeerde velden.',
    forbidden: 'U hebt geen toegang tot deze pagina.',
    unauthorized: 'Log eerst in.',
    conflict: 'Iemand anders heeft dit intussen gewijzigd.',
    rate_limited: 'Te veel verzoeken in korte tijd. Probeer het over enkele minuten opnieuw.',
    form_token:
      'Dit formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens.',
    cross_site: 'Dit formulier is vanaf een andere website verstuurd en is daarom geweigerd.',
    payload_too_large: 'Wat u verstuurde is te groot.',
    gone: 'Deze link is niet meer geldig.',
    demo_not_empty:
      'De demo-inhoud wordt alleen in een lege site geladen: er staan al artikelen in.',
    invalid_encoding: 'De tekst bevat ongeldige tekens.',
    invalid_characters:
      'De tekst bevat een ongeldig teken (zoals NUL). Haal het weg en probeer het opnieuw.',
    invalid_json: 'De gegevens konden niet worden gelezen.',
    unsupported_media_type: 'Dit soort gegevens wordt hier niet aangenomen.',
    // A write the database refused (db/errors.ts); its transaction was rolled back.
    db_unique: 'Dit bestaat al. Uw wijziging is niet opgeslagen.',
    db_check: 'Een van de ingevulde waarden is niet toegestaan. Uw wijziging is niet opgeslagen.',
    db_not_null: 'Een verplicht gegeven ontbreekt. Uw wijziging is niet opgeslagen.',
    db_foreign_key:
      'Dit verwijst naar iets dat niet (meer) bestaat. Ververs de pagina; uw wijziging is niet opgeslagen.',
    db_invalid_value:
      'Een van de ingevulde waarden kan niet worden opgeslagen (een ongeldig teken of een te groot getal). Uw wijziging is niet opgeslagen.',
  },
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  skipToContent: 'Skip to content',
  nav: {
    home: 'Articles',
    authors: 'Authors',
    comments: 'Comments',
    search: 'Search',
    newsletter: 'Newsletter',
    admin: 'Admin',
  },
  footer: {
    privacy: 'Privacy',
    feed: 'RSS feed',
    poweredBy: 'Made with Podium',
  },
  pagination: {
    label: 'Pagination',
    previous: 'Previous',
    next: 'Next',
    page: (n: number) => `Page ${n}`,
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundText:
      'This page does not exist (any more). The search may help you find what you want.',
    serverErrorTitle: 'Something went wrong',
    serverErrorText: 'An error on our side kept this page from showing. Please try again later.',
    backHome: 'Back to the front page',
    not_found: 'Not found.',
    bad_request: 'This request is not right.',
    validation: 'Please check the marked fields.',
    forbidden: 'You have no access to this page.',
    unauthorized: 'Please log in first.',
    conflict: 'Someone else changed this in the meantime.',
    rate_limited: 'Too many requests in a short time. Please try again in a few minutes.',
    form_token: 'This form has expired or is invalid. Reload the page and try again.',
    cross_site: 'This form was sent from another website and has been refused.',
    payload_too_large: 'What you sent is too large.',
    gone: 'This link is no longer valid.',
    demo_not_empty:
      'The demo content is only loaded into an empty site: there are articles already.',
    invalid_encoding: 'The text contains invalid characters.',
    invalid_characters:
      'The text contains an invalid character (such as NUL). Remove it and try again.',
    invalid_json: 'The data could not be read.',
    unsupported_media_type: 'This kind of data is not accepted here.',
    db_unique: 'This already exists. Your change was not saved.',
    db_check: 'One of the values entered is not allowed. Your change was not saved.',
    db_not_null: 'A required value is missing. Your change was not saved.',
    db_foreign_key:
      'This refers to something that does not exist (any more). Reload the page; your change was not saved.',
    db_invalid_value:
      'One of the values entered cannot be stored (an invalid character or a number too large). Your change was not saved.',
  },
};

// Message values are strings or small functions that build a string from numbers or names.
export type Message = string | ((...args: never[]) => string);
export interface Catalog {
  [key: string]: Message | Catalog;
}
/** The English catalog must have every key of the Dutch one, with any text. */
export type Widen<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...a: infer A) => string
      ? (...a: A) => string
      : Widen<T[K]>;
};
