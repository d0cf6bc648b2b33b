/** What `chat.trackingCode` needs. */
export interface TrackingCodeInput {
  /** The workspace of the chat channel. */
  workspaceId: string;
  /** The chat channel. */
  channelId: string;
  /** Where the chat server is reachable from visitors' browsers (`https://chat.example.com`, plus the basePath if any). */
  baseUrl: string;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The one `<script>` tag a host puts on its pages: loads `/widget.js`, which reads its settings from the tag. */
export function trackingCode({ workspaceId, channelId, baseUrl }: TrackingCodeInput): string {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('baseUrl must be an http(s) URL');
  const root = base.href.replace(/\/$/, '');
  const attrs = [
    `src="${escapeAttribute(`${root}/widget.js`)}"`,
    `data-inboxkit-chat`,
    `data-workspace-id="${escapeAttribute(workspaceId)}"`,
    `data-channel-id="${escapeAttribute(channelId)}"`,
    `data-base-url="${escapeAttribute(root)}"`,
    'async',
  ];
  return `<script ${attrs.join(' ')}></script>`;
}
