/** Escapes text for HTML attributes and content. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The shop's contact page. The token is issued on the server while rendering (no extra
 * request), the form posts as multipart (so it could carry files), and the page shows the
 * handler's per-field errors.
 */
export function shopPage(formId: string, token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme shop — contact</title></head>
<body>
<h1>Questions? Write to us.</h1>
<form id="contact" method="post" action="/forms/${escape(formId)}/submissions" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="_token" value="${escape(token)}">
  <p><label>Email <input name="email" type="email"></label> <span data-error="email"></span></p>
  <p><label>Name <input name="name"></label></p>
  <p><label>Message <textarea name="message"></textarea></label> <span data-error="message"></span></p>
  <p><label>Screenshot <input name="screenshot" type="file"></label> <span data-error="screenshot"></span></p>
  <p style="position:absolute;left:-10000px" aria-hidden="true"><input name="_website" tabindex="-1" autocomplete="off"></p>
  <button>Send</button>
</form>
<p role="status"></p>
<script>
  document.getElementById('contact').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = new FormData(form);
    body.set('_pageUrl', location.href);
    body.set('_pageTitle', document.title);
    const response = await fetch(form.action, { method: 'POST', body });
    const result = await response.json();
    for (const el of document.querySelectorAll('[data-error]')) el.textContent = result.error?.fields?.[el.dataset.error] ?? '';
    document.querySelector('[role=status]').textContent = response.ok ? 'Thanks! Reference ' + result.submissionId : result.error.message;
  });
</script>
</body></html>`;
}
