/** The widget's CSS, scoped by its shadow root (the host page's styles neither leak in nor out). */
export const styles = `
:host{all:initial;font:14px/1.4 system-ui,sans-serif;color:#1f2328}
*{box-sizing:border-box}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#2f5bea;color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646}
.launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#d1242f;color:#fff;font-size:12px;line-height:20px;padding:0 6px}
.badge[hidden],[hidden]{display:none!important}
.prompt{position:fixed;right:20px;bottom:88px;max-width:260px;background:#fff;border-radius:12px;padding:10px 14px;box-shadow:0 4px 12px rgba(0,0,0,.2);z-index:2147483646}
.panel{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 120px);display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.25);overflow:hidden;z-index:2147483647}
header{display:flex;align-items:center;gap:10px;padding:12px 14px;background:#2f5bea;color:#fff}
header img{width:36px;height:36px;border-radius:50%}
header .who{flex:1}
header .name{font-weight:600}
header a{color:#fff}
header button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}
.log{flex:1;overflow-y:auto;margin:0;padding:12px;list-style:none;display:flex;flex-direction:column;gap:8px}
.msg{max-width:80%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
.msg.outgoing{align-self:flex-start;background:#f0f2f5}
.msg.incoming{align-self:flex-end;background:#2f5bea;color:#fff}
.msg.pending{opacity:.6}
.msg .author{display:block;font-size:12px;font-weight:600;margin-bottom:2px}
.away{padding:10px 12px;background:#fff8e1;border-bottom:1px solid #eee}
.away form{display:flex;gap:6px;margin-top:6px}
.away input{flex:1;padding:6px;border:1px solid #ccc;border-radius:6px}
.typing{padding:0 12px 6px;font-size:12px;color:#57606a;font-style:italic}
.replies{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px}
.replies button{border:1px solid #2f5bea;background:#fff;color:#2f5bea;border-radius:14px;padding:4px 10px;cursor:pointer}
.compose{display:flex;gap:6px;padding:10px;border-top:1px solid #eee}
.compose textarea{flex:1;resize:none;height:40px;padding:8px;border:1px solid #ccc;border-radius:8px;font:inherit}
.compose button,.away button{border:0;background:#2f5bea;color:#fff;border-radius:8px;padding:0 12px;cursor:pointer}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
