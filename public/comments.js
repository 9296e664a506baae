// Commenting in place: posts the comment form with fetch, shows field messages next to
// their fields, and inserts the new comment without a reload. A reply link moves the form
// under the comment it answers. Without this file the same form posts and redirects.
(() => {
  const form = document.querySelector('form[data-comment-form]');
  if (!form) return;
  const section = form.closest('.comments') || document;
  const summary = form.querySelector('[data-comment-summary]');
  const title = form.querySelector('.comment-form__title');
  const button = form.querySelector('button[type="submit"]');
  const originalTitle = title ? title.textContent : '';
  const originalButton = button ? button.textContent : '';
  let busy = false;

  function clearErrors() {
    for (const el of form.querySelectorAll('.field-error[data-from-script]')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter((id) => id && !id.endsWith('-fout'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    for (const el of form.querySelectorAll('.field-error')) el.remove();
  }

  function showSummary(text, kind) {
    if (!summary) return;
    summary.textContent = text;
    summary.hidden = !text;
    summary.className = kind === 'ok' ? 'flash flash--success' : 'form-error';
    summary.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
  }

  function showFieldError(name, text) {
    const input = form.querySelector(`[name="${name}"]`);
    if (!input || input.type === 'hidden') return false;
    const id = `${input.id}-fout`;
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = id;
    p.dataset.fromScript = '';
    p.textContent = text;
    (input.closest('.field') || input.parentNode).appendChild(p);
    input.setAttribute('aria-invalid', 'true');
    const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    ids.push(id);
    input.setAttribute('aria-describedby', ids.join(' '));
    return true;
  }

  function insertComment(html, parentId) {
    const holder = document.createElement('div');
    holder.innerHTML = html; // our own server-rendered, escaped markup
    const item = holder.firstElementChild;
    if (!item) return;
    let list;
    const parent = parentId ? document.getElementById(`reactie-${parentId}`) : null;
    if (parent) {
      list = parent.querySelector(':scope > ol.comment-replies');
      if (!list) {
        list = document.createElement('ol');
        list.className = 'comment-replies';
        parent.appendChild(list);
      }
    } else {
      list = section.querySelector(':scope > ol.comment-list');
      if (!list) {
        list = document.createElement('ol');
        list.className = 'comment-list';
        const none = section.querySelector('.comments__none');
        if (none) none.replaceWith(list);
        else form.before(list);
      }
    }
    list.appendChild(item);
  }

  function resetReply() {
    const hidden = form.querySelector('input[name="parent_id"]');
    if (hidden) hidden.remove();
    if (title) title.textContent = originalTitle;
    if (button) button.textContent = originalButton;
    const anchor = section.querySelector('[data-comment-form-home]');
    if (anchor) anchor.after(form);
  }

  // Remember where the form lives, so it can return after a reply.
  const home = document.createElement('span');
  home.hidden = true;
  home.dataset.commentFormHome = '';
  form.before(home);

  for (const link of section.querySelectorAll('a[data-reply-to]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      let hidden = form.querySelector('input[name="parent_id"]');
      if (!hidden) {
        hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'parent_id';
        form.prepend(hidden);
      }
      hidden.value = link.dataset.replyTo;
      if (title) title.textContent = link.dataset.replyHeading || originalTitle;
      if (button && form.dataset.replyLabel) button.textContent = form.dataset.replyLabel;
      link.closest('article').after(form);
      const body = form.querySelector('textarea[name="body"]');
      if (body) body.focus();
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    if (button) button.disabled = true;
    clearErrors();
    showSummary(form.dataset.sending || '', 'ok');
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
        let first = null;
        for (const [name, text] of Object.entries(data.fields || {})) {
          if (showFieldError(name, text) && !first) first = form.querySelector(`[name="${name}"]`);
        }
        showSummary(data.message || form.dataset.failed || '', 'error');
        if (first) first.focus();
        return;
      }
      const parentInput = form.querySelector('input[name="parent_id"]');
      insertComment(data.html, parentInput ? parentInput.value : data.parentId);
      const body = form.querySelector('textarea[name="body"]');
      if (body) body.value = '';
      resetReply();
      showSummary(data.message || '', 'ok');
    } catch {
      showSummary(form.dataset.failed || '', 'error');
    } finally {
      busy = false;
      if (button) button.disabled = false;
    }
  });
})();
