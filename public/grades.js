// Grading in place: posts the 1–10 form with fetch and updates the numbers without a
// reload. Without this file the same form posts, redirects and shows the result.
(() => {
  function setText(root, selector, text) {
    const el = root.querySelector(selector);
    if (el) el.textContent = text;
    return el;
  }

  function enhance(form) {
    const section = form.closest('[data-grade]') || document;
    const button = form.querySelector('button[type="submit"]');
    let busy = false;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      if (button) button.disabled = true;
      setText(section, '[data-grade-notice]', form.dataset.sending || '');
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(new FormData(form)).toString(),
        });
        const data = await response.json().catch(() => ({}));
        if (!response.ok) {
          setText(section, '[data-grade-notice]', data.message || form.dataset.failed || '');
          return;
        }
        setText(section, '[data-grade-summary]', data.summary);
        setText(section, '[data-grade-notice]', data.message);
        const own = setText(section, '[data-grade-own]', data.own);
        if (own) own.hidden = false;
        if (button?.dataset.changeLabel) button.textContent = button.dataset.changeLabel;
      } catch {
        setText(section, '[data-grade-notice]', form.dataset.failed || '');
      } finally {
        busy = false;
        if (button) button.disabled = false;
      }
    });
  }

  for (const form of document.querySelectorAll('form[data-grade-form]')) enhance(form);
})();
