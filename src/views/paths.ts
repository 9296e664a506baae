// Where things live on the public site: every link to an article, author or topic is built
// here, so a path is written once (and a site in another language can have its own).
export const paths = {
  article: (article: { id: number; slug: string }) => `/artikel/${article.id}/${article.slug}`,
  articleComments: (articleId: number) => `/artikel/${articleId}/reacties`,
  articleGrade: (articleId: number) => `/artikel/${articleId}/waardering`,
  author: (author: { slug: string }) => `/auteur/${author.slug}`,
  topic: (topic: { slug: string }) => `/onderwerp/${topic.slug}`,
} as const;
