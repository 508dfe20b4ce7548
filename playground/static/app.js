// The playground page: who you are, your conversations, threads, the Home tab and modals, redrawn
// from /api/state whenever it changes; what you do goes to /api/<what>.
"use strict";

const UI = {
  ja: {
    you_are: "あなたは", channels: "チャンネル", apps: "アプリ", home: "ホーム", messages: "メッセージ",
    send_to: (name) => `#${name} へのメッセージ`, dm_readonly: "このアプリへのメッセージ送信はオフです（/コマンドは使えます）",
    replies: (n) => `${n} 件の返信`, thread: "スレッド", close: "閉じる", only_you: "あなただけに表示されています",
    required: "この項目は必須です", optional: "（任意）", choose: "選択してください",
    refused: (n) => `Slack が拒否した呼び出し: ${n} 件`, none_refused: "拒否された呼び出しはありません",
    now: "現在", steps: { "30m": "+30分", "2h": "+2時間", morning: "翌営業日の朝", "1d": "+1日" },
    shortcut_escalate: "このメッセージをエスカレーション", shortcut_report: "匿名投稿を報告",
    reply: "スレッドで返信", more: "その他の操作", reply_to: "返信する…", cancel: "キャンセル",
    home_empty: "ホームを読み込んでいます…", app: "アプリ", workspace: "いたばさみ法律事務所",
    moved: (h) => `時計を ${h} 進めています`,
  },
  en: {
    you_are: "You are", channels: "Channels", apps: "Apps", home: "Home", messages: "Messages",
    send_to: (name) => `Message #${name}`, dm_readonly: "Sending messages to this app is turned off (slash commands work)",
    replies: (n) => (n === 1 ? "1 reply" : `${n} replies`), thread: "Thread", close: "Close",
    only_you: "Only visible to you", required: "This field is required", optional: " (optional)",
    choose: "Select an item", refused: (n) => `Calls Slack refused: ${n}`, none_refused: "No refused calls",
    now: "Now", steps: { "30m": "+30 min", "2h": "+2 h", morning: "Next working morning", "1d": "+1 day" },
    shortcut_escalate: "Escalate this message", shortcut_report: "Report anonymous post",
    reply: "Reply in thread", more: "More actions", reply_to: "Reply…", cancel: "Cancel",
    home_empty: "Loading Home…", app: "App", workspace: "Itabasami Law Office",
    moved: (h) => `Clock moved on by ${h}`,
  },
};

const params = new URLSearchParams(location.search);
const view = {
  me: params.get("as") || "U0SATO",
  conversation: params.get("c") || null,
  tab: params.get("tab") || "messages",
  thread: null,
  values: {},         // view id -> { block_id: { action_id: state } }
  seenView: {},       // view id -> JSON of the view last drawn (to keep what was typed)
  lastJson: "",
  state: null,
  showRefused: false,
};

const $ = (id) => document.getElementById(id);
const api = async (what, body) => {
  const response = await fetch(`/api/${what}`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ as: view.me, ...body }) });
  const answer = await response.json().catch(() => ({}));
  await refresh(true);
  return answer;
};

function person() { return view.state.people.find((p) => p.id === view.me) || view.state.people[0]; }
function lang() { return person().locale.startsWith("ja") ? "ja" : "en"; }
function t(key, ...args) { const v = UI[lang()][key]; return typeof v === "function" ? v(...args) : v; }
function ctx() {
  const channels = {};
  view.state.conversations.forEach((c) => { channels[c.id] = c; });
  return { users: view.state.users, channels, tz: person().tz, lang: lang(), now: view.state.now, t };
}

async function refresh(force) {
  const response = await fetch(`/api/state?as=${encodeURIComponent(view.me)}`);
  const state = await response.json();
  // The clock runs, so "now" changes every time: only the clock is redrawn for that.
  const json = JSON.stringify({ ...state, now: 0 });
  view.state = state;
  if (!force && json === view.lastJson) { drawTopbar(); return; }
  view.lastJson = json;
  draw();
}

// ---------------------------------------------------------------------------------------------- drawing
function draw() {
  document.documentElement.lang = lang();
  drawTopbar();
  drawSidebar();
  drawMain();
  drawThread();
  drawModal();
}

function drawTopbar() {
  const now = new Date(view.state.now * 1000);
  const shown = new Intl.DateTimeFormat(lang() === "ja" ? "ja-JP" : "en-US", { timeZone: person().tz,
    weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(now);
  $("clock").textContent = `${t("now")}: ${shown} (${person().tz})`;
  const steps = $("clock-steps");
  steps.innerHTML = "";
  Object.entries(t("steps")).forEach(([step, label]) => {
    const b = document.createElement("button");
    b.textContent = label;
    b.dataset.step = step;
    b.addEventListener("click", () => api("clock", { step }));
    steps.appendChild(b);
  });
  const refused = view.state.refused;
  const box = $("refused");
  box.className = refused.length ? "bad" : "good";
  box.innerHTML = "";
  const summary = document.createElement("button");
  summary.textContent = refused.length ? t("refused", refused.length) : t("none_refused");
  summary.addEventListener("click", () => { view.showRefused = !view.showRefused; drawTopbar(); });
  box.appendChild(summary);
  if (view.showRefused && refused.length) {
    const list = document.createElement("ul");
    refused.slice().reverse().forEach((call) => {
      const item = document.createElement("li");
      item.textContent = `${call.method}: ${call.error} ${call.messages.join(" ")}`;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
}

function drawSidebar() {
  $("workspace-name").textContent = t("workspace");
  $("person-label").textContent = t("you_are");
  const select = $("person");
  if (select.options.length !== view.state.people.length) {
    select.innerHTML = "";
    view.state.people.forEach((p) => {
      const option = document.createElement("option");
      option.value = p.id;
      option.textContent = `${p.real_name} — ${p.locale.startsWith("ja") ? p.role_ja : p.role_en}`;
      select.appendChild(option);
    });
    select.addEventListener("change", () => switchTo(select.value));
  }
  select.value = view.me;
  const me = person();
  $("person-role").textContent = `${me.locale} · ${me.tz}`;
  const list = $("conversation-list");
  list.innerHTML = "";
  const heading = (label) => { const h = document.createElement("div"); h.className = "list-heading"; h.textContent = label; list.appendChild(h); };
  heading(t("channels"));
  const rooms = view.state.conversations.filter((c) => c.kind === "channel");
  if (!view.conversation) view.conversation = (rooms.find((c) => c.name.startsWith("client")) || rooms[0]).id;
  rooms.forEach((c) => list.appendChild(entry(`${c.private ? "🔒" : "#"} ${c.name}`, c.id, () => open(c.id))));
  heading(t("apps"));
  list.appendChild(entry("🤖 itabasami", "app", () => open("app")));
}

function entry(label, id, onClick) {
  const b = document.createElement("button");
  b.className = `list-entry${view.conversation === id ? " active" : ""}`;
  b.textContent = label;
  b.dataset.conversation = id;
  b.addEventListener("click", onClick);
  return b;
}

function switchTo(id) {
  view.me = id;
  view.thread = null;
  view.lastJson = "";
  params.set("as", id);
  history.replaceState(null, "", `?${params}`);
  refresh(true).then(() => { if (view.conversation === "app" && view.tab === "home") api("home", {}); });
}

function open(id) {
  view.conversation = id;
  view.thread = null;
  if (id === "app" && view.tab === "home") api("home", {});
  draw();
}

function dm() { return view.state.conversations.find((c) => c.kind === "im"); }

function drawMain() {
  const header = $("conversation-header");
  const tabs = $("tabs");
  const pane = $("pane");
  const composer = $("composer-text");
  tabs.innerHTML = "";
  pane.innerHTML = "";
  if (view.conversation === "app") {
    header.textContent = "itabasami";
    ["home", "messages"].forEach((tab) => {
      const b = document.createElement("button");
      b.textContent = t(tab);
      b.className = view.tab === tab ? "tab active" : "tab";
      b.dataset.tab = tab;
      b.addEventListener("click", () => { view.tab = tab; if (tab === "home") api("home", {}); draw(); });
      tabs.appendChild(b);
    });
    if (view.tab === "home") {
      $("composer").hidden = true;
      const home = view.state.home;
      pane.className = "pane home";
      if (!home) { pane.textContent = t("home_empty"); return; }
      const homeId = `home-${view.me}`;
      pane.appendChild(Blocks.render(home.blocks, ctx(), surface(homeId, { home: true })));
      return;
    }
    $("composer").hidden = false;
    composer.placeholder = t("dm_readonly");
    const im = dm();
    pane.className = "pane messages";
    if (im) drawMessages(pane, im, null);
    return;
  }
  $("composer").hidden = false;
  const c = view.state.conversations.find((x) => x.id === view.conversation);
  if (!c) return;
  header.textContent = `# ${c.name}`;
  composer.placeholder = t("send_to", c.name);
  pane.className = "pane messages";
  drawMessages(pane, c, null);
}

function drawMessages(pane, conversation, threadTs) {
  const messages = conversation.messages.filter((m) => (threadTs ? m.thread_ts === threadTs || m.ts === threadTs
    : !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast));
  const ephemerals = view.state.ephemerals.filter((e) => e.channel === conversation.id
    && (threadTs ? e.thread_ts === threadTs : !e.thread_ts));
  const items = [...messages.map((m) => ({ kind: "message", m })), ...ephemerals.map((m) => ({ kind: "ephemeral", m }))]
    .sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  items.forEach(({ kind, m }) => pane.appendChild(message(conversation, m, kind === "ephemeral", threadTs)));
  pane.scrollTop = pane.scrollHeight;
}

function message(conversation, m, ephemeral, inThread) {
  const node = document.createElement("div");
  node.className = `message${ephemeral ? " ephemeral" : ""}`;
  node.dataset.ts = m.ts;
  const users = view.state.users;
  const fromBot = m.bot || m.user === view.state.bot;
  const author = ephemeral ? (m.slackbot ? "Slackbot" : "itabasami") : fromBot ? "itabasami"
    : (users[m.user] || {}).real_name || m.user;
  const when = new Intl.DateTimeFormat(lang() === "ja" ? "ja-JP" : "en-US", { timeZone: person().tz,
    month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(Number(m.ts) * 1000));
  const head = document.createElement("div");
  head.className = "message-head";
  head.innerHTML = `<span class="avatar">${fromBot || ephemeral ? "🤖" : "👤"}</span><b class="author">${Mrkdwn.escapeHtml(author)}</b>`
    + `${fromBot || ephemeral ? `<span class="app-badge">${t("app")}</span>` : ""}<span class="when">${when}</span>`;
  node.appendChild(head);
  if (ephemeral) {
    const note = document.createElement("div");
    note.className = "only-you";
    note.textContent = `👁 ${t("only_you")}`;
    node.appendChild(note);
  }
  const body = document.createElement("div");
  body.className = "message-body";
  if (m.blocks && m.blocks.length) {
    body.appendChild(Blocks.render(m.blocks, ctx(), surface(`msg-${m.ts}`,
      { channel: conversation.id, message_ts: m.ts })));
  } else {
    body.innerHTML = Mrkdwn.render(m.text, ctx());
  }
  node.appendChild(body);
  if (!ephemeral && !inThread) {
    const replies = conversation.messages.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
    if (replies.length) {
      const link = document.createElement("button");
      link.className = "replies";
      link.textContent = t("replies", replies.length);
      link.addEventListener("click", () => { view.thread = { channel: conversation.id, ts: m.ts }; drawThread(); });
      node.appendChild(link);
    }
  }
  if (!ephemeral) node.appendChild(messageMenu(conversation, m));
  return node;
}

function messageMenu(conversation, m) {
  const wrap = document.createElement("div");
  wrap.className = "message-menu";
  const toggle = document.createElement("button");
  toggle.className = "menu-toggle";
  toggle.title = t("more");
  toggle.textContent = "⋮";
  const menu = document.createElement("div");
  menu.className = "menu";
  menu.hidden = true;
  const item = (label, onClick, name) => {
    const b = document.createElement("button");
    b.className = "menu-item";
    b.textContent = label;
    b.dataset.menu = name;
    b.addEventListener("click", () => { menu.hidden = true; onClick(); });
    menu.appendChild(b);
  };
  if (conversation.kind !== "im") {
    item(t("reply"), () => { view.thread = { channel: conversation.id, ts: m.thread_ts || m.ts }; drawThread(); }, "reply");
  }
  item(t("shortcut_escalate"), () => api("shortcut", { callback_id: "escalate_message", channel: conversation.id, message_ts: m.ts }), "escalate_message");
  item(t("shortcut_report"), () => api("shortcut", { callback_id: "vent_report_message", channel: conversation.id, message_ts: m.ts }), "vent_report_message");
  toggle.addEventListener("click", () => { menu.hidden = !menu.hidden; });
  wrap.append(toggle, menu);
  return wrap;
}

function drawThread() {
  const pane = $("thread");
  if (!view.thread) { pane.hidden = true; return; }
  const conversation = view.state.conversations.find((c) => c.id === view.thread.channel);
  if (!conversation) { pane.hidden = true; return; }
  pane.hidden = false;
  pane.innerHTML = "";
  const head = document.createElement("div");
  head.className = "thread-head";
  head.innerHTML = `<b>${t("thread")}</b> <span>#${Mrkdwn.escapeHtml(conversation.name)}</span>`;
  const close = document.createElement("button");
  close.textContent = "×";
  close.title = t("close");
  close.addEventListener("click", () => { view.thread = null; drawThread(); });
  head.appendChild(close);
  pane.appendChild(head);
  const list = document.createElement("div");
  list.className = "thread-messages";
  drawMessages(list, conversation, view.thread.ts);
  pane.appendChild(list);
  const form = document.createElement("form");
  form.className = "thread-composer";
  const input = document.createElement("textarea");
  input.placeholder = t("reply_to");
  input.dataset.testid = "thread-composer";
  form.appendChild(input);
  const send = () => { const text = input.value; input.value = ""; api("send", { channel: conversation.id, text, thread_ts: view.thread.ts }); };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); } });
  form.addEventListener("submit", (e) => { e.preventDefault(); send(); });
  pane.appendChild(form);
}

// ---------------------------------------------------------------------------------------------- surfaces
function surface(key, where) {
  view.values[key] = view.values[key] || {};
  return {
    values: view.values[key],
    errors: where.errors || {},
    onChange(blockId, actionId, state) {
      const block = (view.values[key][blockId] = view.values[key][blockId] || {});
      block[actionId] = { type: "", ...state };
    },
    onAction(action) {
      if (where.view_id) api("press", { action, view_id: where.view_id, values: typed(view.values[key]) });
      else if (where.home) api("press", { action, view_id: view.state.home && view.state.home.id, values: typed(view.values[key]) });
      else api("press", { action, channel: where.channel, message_ts: where.message_ts });
    },
    confirm: confirmDialog,
  };
}

function typed(values) { return JSON.parse(JSON.stringify(values)); }

function confirmDialog(dialog, go) {
  const layer = $("confirm-layer");
  layer.hidden = false;
  layer.innerHTML = "";
  const box = document.createElement("div");
  box.className = "dialog";
  const c = ctx();
  box.innerHTML = `<h3>${Blocks.text(dialog.title, c)}</h3><div>${Blocks.text(dialog.text, c)}</div>`;
  const row = document.createElement("div");
  row.className = "dialog-buttons";
  const no = document.createElement("button");
  no.innerHTML = Blocks.text(dialog.deny, c) || t("cancel");
  no.addEventListener("click", () => { layer.hidden = true; });
  const yes = document.createElement("button");
  yes.className = `button ${dialog.style || "primary"}`;
  yes.innerHTML = Blocks.text(dialog.confirm, c);
  yes.addEventListener("click", () => { layer.hidden = true; go(); });
  row.append(no, yes);
  box.appendChild(row);
  layer.appendChild(box);
}

function drawModal() {
  const layer = $("modal-layer");
  const modal = view.state.modal;
  if (!modal) { layer.hidden = true; layer.innerHTML = ""; return; }
  const drawn = JSON.stringify(modal);
  if (!layer.hidden && layer.dataset.drawn === drawn) return;
  layer.dataset.drawn = drawn;
  layer.hidden = false;
  layer.innerHTML = "";
  const key = `view-${modal.id}`;
  const c = ctx();
  const box = document.createElement("div");
  box.className = "modal";
  box.dataset.callbackId = modal.view.callback_id || "";
  const head = document.createElement("div");
  head.className = "modal-head";
  head.innerHTML = `<h2>${Blocks.text(modal.view.title, c)}</h2>`;
  const x = document.createElement("button");
  x.textContent = "×";
  x.className = "modal-x";
  x.addEventListener("click", () => api("close", { view_id: modal.id }));
  head.appendChild(x);
  box.appendChild(head);
  const body = document.createElement("div");
  body.className = "modal-body";
  body.appendChild(Blocks.render(modal.view.blocks, c, surface(key, { view_id: modal.id, errors: modal.errors })));
  box.appendChild(body);
  const foot = document.createElement("div");
  foot.className = "modal-foot";
  const cancel = document.createElement("button");
  cancel.className = "button";
  cancel.innerHTML = Blocks.text(modal.view.close, c) || t("cancel");
  cancel.addEventListener("click", () => api("close", { view_id: modal.id }));
  foot.appendChild(cancel);
  if (modal.view.submit) {
    const submit = document.createElement("button");
    submit.className = "button primary modal-submit";
    submit.innerHTML = Blocks.text(modal.view.submit, c);
    submit.addEventListener("click", () => api("submit", { view_id: modal.id, values: typed(view.values[key]) }));
    foot.appendChild(submit);
  }
  box.appendChild(foot);
  layer.appendChild(box);
}

// ---------------------------------------------------------------------------------------------- composer
function setupComposer() {
  const form = $("composer");
  const input = $("composer-text");
  const send = () => {
    const text = input.value;
    input.value = "";
    $("command-hints").innerHTML = "";
    const channel = view.conversation === "app" ? (dm() || {}).id : view.conversation;
    if (channel) api("send", { channel, text });
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); } });
  input.addEventListener("input", () => {
    const hints = $("command-hints");
    hints.innerHTML = "";
    if (!input.value.startsWith("/") || input.value.includes(" ")) return;
    [["/escalate", "@owner …"], ["/vent", "…"]].filter(([c]) => c.startsWith(input.value)).forEach(([c, usage]) => {
      const hint = document.createElement("div");
      hint.className = "hint";
      hint.innerHTML = `<b>${c}</b> <span>${usage}</span>`;
      hint.addEventListener("click", () => { input.value = `${c} `; input.focus(); hints.innerHTML = ""; });
      hints.appendChild(hint);
    });
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); send(); });
}

setupComposer();
refresh(true).then(() => {
  if (view.conversation === "app" && view.tab === "home") api("home", {});
});
setInterval(() => refresh(false), 700);
