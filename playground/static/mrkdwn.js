// Slack's mrkdwn as HTML: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, and the
// <…> tokens: <@U…> as the person's name, <#C…|name>, <!date^…>, <!here>, <url|label>.
"use strict";

const Mrkdwn = (() => {
  const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  // Slack sends &, < and > escaped; decode them before escaping for the page.
  const unslack = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

  function formatDate(ts, format, ctx) {
    const when = new Date(ts * 1000);
    const lang = ctx.lang === "ja" ? "ja-JP" : "en-US";
    const opts = (o) => new Intl.DateTimeFormat(lang, { timeZone: ctx.tz, ...o }).format(when);
    const dayKey = (d) => new Intl.DateTimeFormat("en-CA", { timeZone: ctx.tz }).format(d);
    const today = dayKey(new Date(ctx.now * 1000));
    const relative = (fallback) => {
      const diff = Math.round((Date.parse(dayKey(when)) - Date.parse(today)) / 86400000);
      const words = ctx.lang === "ja" ? { "0": "今日", "-1": "昨日", "1": "明日" }
        : { "0": "today", "-1": "yesterday", "1": "tomorrow" };
      return words[String(diff)] || fallback;
    };
    const parts = {
      date_num: dayKey(when),
      date: opts({ year: "numeric", month: "long", day: "numeric" }),
      date_short: opts({ year: "numeric", month: "short", day: "numeric" }),
      date_long: opts({ weekday: "long", year: "numeric", month: "long", day: "numeric" }),
      time: opts({ hour: "numeric", minute: "2-digit" }),
      time_secs: opts({ hour: "numeric", minute: "2-digit", second: "2-digit" }),
    };
    parts.date_pretty = relative(parts.date);
    parts.date_short_pretty = relative(parts.date_short);
    parts.date_long_pretty = relative(parts.date_long);
    return format.replace(/\{(\w+)\}/g, (m, key) => (key in parts ? parts[key] : m));
  }

  function token(inner, ctx) {
    const [target, label] = splitOnce(inner, "|");
    if (target.startsWith("@")) {
      const id = target.slice(1);
      const user = ctx.users[id];
      const name = user ? (user.real_name || user.name) : (label || id);
      return `<span class="mention" data-user="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
    }
    if (target.startsWith("#")) {
      const id = target.slice(1);
      const name = label || (ctx.channels[id] || {}).name || id;
      return `<span class="mention channel">#${escapeHtml(name)}</span>`;
    }
    if (target.startsWith("!subteam^")) {
      return `<span class="mention">${escapeHtml(label || "@group")}</span>`;
    }
    if (target.startsWith("!date^")) {
      const pieces = target.split("^");
      const text = formatDate(Number(pieces[1]), pieces[2] || "{date}", ctx);
      return `<span class="slack-date" title="${escapeHtml(label || "")}">${escapeHtml(text)}</span>`;
    }
    if (target.startsWith("!")) {
      return `<span class="mention">@${escapeHtml(label || target.slice(1))}</span>`;
    }
    const href = /^(https?:|mailto:)/.test(target) ? target : "#";
    return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(label || target)}</a>`;
  }

  function splitOnce(s, sep) {
    const at = s.indexOf(sep);
    return at < 0 ? [s, ""] : [s.slice(0, at), s.slice(at + 1)];
  }

  function inline(text) {
    return text
      .replace(/`([^`\n]+)`/g, "<code>$1</code>")
      .replace(/(^|[\s(（「『、。])\*([^*\n]+)\*(?=$|[\s)）」』、。.,!?:;])/g, "$1<b>$2</b>")
      .replace(/(^|[\s(（「『、。])_([^_\n]+)_(?=$|[\s)）」』、。.,!?:;])/g, "$1<i>$2</i>")
      .replace(/(^|[\s(（「『、。])~([^~\n]+)~(?=$|[\s)）」』、。.,!?:;])/g, "$1<s>$2</s>");
  }

  function render(raw, ctx) {
    if (!raw) return "";
    const tokens = [];
    let text = raw.replace(/<([^<>\n]+)>/g, (m, inner) => {
      tokens.push(token(unslack(inner), ctx));
      return `\u0000${tokens.length - 1}\u0000`;
    });
    text = escapeHtml(unslack(text));
    const blocks = [];
    text = text.replace(/```([\s\S]*?)```/g, (m, code) => {
      blocks.push(`<pre>${code.replace(/^\n/, "")}</pre>`);
      return `\u0001${blocks.length - 1}\u0001`;
    });
    const lines = text.split("\n").map((line) => {
      if (line.startsWith("&gt;")) return `<blockquote>${inline(line.slice(4).replace(/^ /, "")) || "&nbsp;"}</blockquote>`;
      return inline(line) + "<br>";
    });
    let html = lines.join("").replace(/<br>$/, "").replace(/<\/blockquote><br>/g, "</blockquote>");
    html = html.replace(/\u0001(\d+)\u0001/g, (m, i) => blocks[Number(i)]);
    return html.replace(/\u0000(\d+)\u0000/g, (m, i) => tokens[Number(i)]);
  }

  return { render, escapeHtml, formatDate };
})();
