import net from 'node:net';

/**
 * Why a webhook target URL is refused, or null when it is acceptable.
 *
 * Accepted: http and https URLs, including loopback and private addresses: a self-hosted Stratum often
 * posts to services inside the company network (an ERP, a DingTalk/WeCom relay), and only administrators
 * (settings:manage) create webhooks. Refused, because they are never a legitimate receiver and are the
 * classic SSRF targets: link-local addresses (169.254.0.0/16 — the cloud metadata service — and
 * fe80::/10) and the unspecified address, written as literal IPs. Host names are not resolved here (a
 * name could resolve elsewhere later anyway); the sender never follows redirects, so a public URL cannot
 * bounce a delivery to an internal one. Credentials in the URL are refused: they would be stored and
 * shown in clear; receivers authenticate deliveries by their signature.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must use http or https, not ${url.protocol.replace(/:$/, '')}`;
  }
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) {
    return 'must not contain a user name or password; receivers verify the X-Stratum-Signature header instead';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLinkLocalOrUnspecified(host)) {
    return `must not target ${host}: link-local and unspecified addresses (e.g. the cloud metadata service) are refused`;
  }
  return null;
}

function isLinkLocalOrUnspecified(host: string): boolean {
  const version = net.isIP(host);
  if (version === 4) return host.startsWith('169.254.') || host === '0.0.0.0';
  if (version === 6) {
    const lower = host.toLowerCase();
    if (lower === '::' || /^fe[89ab][0-9a-f]:/.test(lower)) return true;
    // IPv4-mapped forms of the refused IPv4 addresses (::ffff:169.254.169.254 is written ::ffff:a9fe:a9fe).
    return /^::ffff:(a9fe:|0:0$|0\.0\.0\.0$|169\.254\.)/.test(lower);
  }
  return false;
}
