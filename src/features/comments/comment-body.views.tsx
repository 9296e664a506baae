// A comment body as the page shows it: paragraphs and line breaks kept, http(s) addresses
// linked, everything else text (Preact escapes it). No raw HTML passes here.
import { bodyParagraphs } from './comment-text.js';

export function CommentBodyText({ body }: { body: string }) {
  return (
    <div class="comment__body" dir="auto">
      {bodyParagraphs(body).map((lines) => (
        <p>
          {lines.map((pieces, i) => (
            <>
              {i > 0 && <br />}
              {pieces.map((piece) =>
                typeof piece === 'string' ? (
                  piece
                ) : (
                  <a href={piece.href} rel="nofollow ugc noopener">
                    {piece.text}
                  </a>
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}
