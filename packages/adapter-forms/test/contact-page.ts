/**
 * The shop's contact page for the browser suite: a plain HTML form whose script fetches a
 * fill-time token, posts the form as JSON to the forms handler on another origin, and shows
 * the server's per-field errors next to the fields.
 */
export function contactPage(api: string, formId: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Contact the shop</title>
<style>
  body { font: 16px system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; }
  label { display: block; margin-top: .8rem; font-weight: 600; }
  input, textarea, select { width: 100%; padding: .4rem; box-sizing: border-box; }
  .error { color: #b00020; font-size: .9rem; }
  .trap { position: absolute; left: -10000px; }
  [role=status] { margin-top: 1rem; padding: .6rem; background: #eef; }
</style></head>
<body>
<h1>Contact us</h1>
<form id="contact" novalidate>
  <label for="email">Email</label><input id="email" name="email" type="email"><div class="error" id="email-error"></div>
  <label for="name">Name</label><input id="name" name="name">
  <label for="topic">Topic</label>
  <select id="topic" name="topic"><option value="">Choose…</option><option value="billing">Billing</option><option value="tech">Technical</option></select>
  <label for="message">Message</label><textarea id="message" name="message" rows="4"></textarea><div class="error" id="message-error"></div>
  <label><input type="checkbox" name="consent" id="consent" style="width:auto"> I agree to be contacted</label><div class="error" id="consent-error"></div>
  <div class="trap" aria-hidden="true"><label for="website">Website</label><input id="website" name="_website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Send</button>
</form>
<div role="status" id="status">Loading…</div>
<script>
  const api = ${JSON.stringify(`${api}/forms/${formId}`)};
  const status = document.getElementById('status');
  let token = null;
  fetch(api + '/token').then((r) => r.json()).then((body) => { token = body.token; status.textContent = 'Ready'; })
    .catch(() => { status.textContent = 'The form is unavailable'; });
  document.getElementById('contact').addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    const values = { email: data.get('email'), name: data.get('name'), topic: data.get('topic'), message: data.get('message'), consent: data.get('consent') === 'on' };
    for (const el of document.querySelectorAll('.error')) el.textContent = '';
    try {
      const response = await fetch(api + '/submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ values: { ...values, _website: data.get('_website') }, token, visitorId: 'browser-visitor-1',
          page: { url: location.href, title: document.title, referrer: document.referrer } }),
      });
      const body = await response.json();
      if (response.ok) { status.textContent = 'Thanks! Your reference is ' + body.submissionId; return; }
      for (const [field, message] of Object.entries(body.error.fields ?? {})) {
        const el = document.getElementById(field + '-error');
        if (el) el.textContent = message;
      }
      status.textContent = 'Please check the form: ' + body.error.message;
    } catch {
      status.textContent = 'Sending failed';
    }
  });
</script>
</body></html>`;
}
