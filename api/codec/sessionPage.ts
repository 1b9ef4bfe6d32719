// The codec sign-in page: a form an admin posts their token to once, on the API's own origin, so the
// token travels in a request body and never in a URL; the answer sets the decode-only cookie
// (session.ts). Plain HTML, no script, everything escaped.
import escapeHtml from 'escape-html';

export const SESSION_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 3rem auto; max-width: 36rem; } input { font: inherit; width: 100%; }</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;

export function signInPage(problem?: string): string {
  return page(
    'Decode payloads in the Temporal Web UI',
    `${problem ? `<p><strong>${escapeHtml(problem)}</strong></p>` : ''}
<p>Sign in with your admin token to let the Temporal Web UI show decrypted payloads in this browser for 8 hours.
The token is used once and not kept; the browser keeps a cookie that can only decode, and only for the Web UI.</p>
<form method="post" action="session">
<p><label>Admin token<br><input type="password" name="token" autocomplete="off" required></label></p>
<p><button type="submit">Sign in</button></p>
</form>`,
  );
}

export function signedInPage(name: string, expires: Date, uiOrigins: string[]): string {
  return page(
    'Signed in for decoding',
    `<p>Signed in as <strong>${escapeHtml(name)}</strong> until ${escapeHtml(expires.toISOString())}.</p>
<p>In the Temporal Web UI (${uiOrigins.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}), open the
<em>Codec Server</em> settings and turn on <em>Include cross-origin credentials</em> (once per browser).</p>
<form method="post" action="session/sign-out"><p><button type="submit">Sign out</button></p></form>`,
  );
}
