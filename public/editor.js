// Live preview in the article editor: the server renders the Markdown exactly as it will on
// save (sanitised), so what the writer sees is what readers get. Without this script the
// "Voorbeeld" button does the same with a full page.
(() => {
  const form = document.getElementById('article-form');
  const body = document.getElementById('field-body');
  const target = document.getElementById('article-preview-body');
  if (!form || !body || !target) return;
  const token = form.querySelector('input[name="csrf_token"]');
  let timer;
  let sent = 0;
  const refresh = async () => {
    const mine = ++sent;
    const params = new URLSearchParams({ csrf_token: token ? token.value : '', body: body.value });
    try {
      const res = await fetch('/beheer/artikelen/voorbeeld', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
      });
      // An older answer arriving late must not overwrite a newer one.
      if (!res.ok || mine !== sent) return;
      target.innerHTML = await res.text();
    } catch {
      // Offline or refused: the Voorbeeld button still works.
    }
  };
  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
