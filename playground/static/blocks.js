// Block Kit as Slack draws it: header, section (text, fields, accessory), context, actions, divider,
// input, rich_text and image blocks, and the interactive elements the bot uses.
// surface = { values, errors, onAction(action), onChange(blockId, actionId, state), confirm(dialog, go) }
"use strict";

const Blocks = (() => {
  const esc = (s) => Mrkdwn.escapeHtml(String(s == null ? "" : s));
  const el = (tag, cls, html) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (html != null) node.innerHTML = html;
    return node;
  };
  const text = (obj, ctx) => {
    if (!obj) return "";
    if (obj.type === "mrkdwn") return Mrkdwn.render(obj.text || "", ctx);
    return esc(obj.text || "");
  };

  function render(blocks, ctx, surface) {
    const root = el("div", "blocks");
    (blocks || []).forEach((block, index) => {
      const blockId = block.block_id || `b${index}`;
      const node = BLOCKS[block.type] ? BLOCKS[block.type](block, blockId, ctx, surface)
        : el("div", "block unknown", esc(`[${block.type}]`));
      node.dataset.blockId = blockId;
      node.dataset.blockType = block.type;
      root.appendChild(node);
    });
    return root;
  }

  const BLOCKS = {
    header: (b, id, ctx) => el("div", "block header", text(b.text, ctx)),
    divider: () => el("hr", "block divider"),
    context: (b, id, ctx) => {
      const node = el("div", "block context");
      (b.elements || []).forEach((item) => {
        if (item.type === "image") node.appendChild(image(item));
        else node.appendChild(el("span", "context-item", text(item, ctx)));
      });
      return node;
    },
    section: (b, id, ctx, surface) => {
      const node = el("div", "block section");
      const body = el("div", "section-body");
      if (b.text) body.appendChild(el("div", "section-text", text(b.text, ctx)));
      if (b.fields) {
        const fields = el("div", "section-fields");
        b.fields.forEach((f) => fields.appendChild(el("div", "field", text(f, ctx))));
        body.appendChild(fields);
      }
      node.appendChild(body);
      if (b.accessory) {
        const acc = el("div", "accessory");
        acc.appendChild(b.accessory.type === "image" ? image(b.accessory)
          : element(b.accessory, id, ctx, surface, false));
        node.appendChild(acc);
      }
      return node;
    },
    actions: (b, id, ctx, surface) => {
      const node = el("div", "block actions");
      (b.elements || []).forEach((item) => node.appendChild(element(item, id, ctx, surface, false)));
      return node;
    },
    input: (b, id, ctx, surface) => {
      const node = el("div", "block input");
      const label = el("label", "input-label", text(b.label, ctx));
      if (b.optional) label.appendChild(el("span", "optional", ctx.t("optional")));
      node.appendChild(label);
      node.appendChild(element(b.element, id, ctx, surface, true, b.dispatch_action));
      const error = (surface.errors || {})[id];
      if (error) {
        node.classList.add("has-error");
        node.appendChild(el("div", "input-error", esc(error === "required" ? ctx.t("required") : error)));
      }
      if (b.hint) node.appendChild(el("div", "input-hint", text(b.hint, ctx)));
      return node;
    },
    image: (b, id, ctx) => {
      const node = el("div", "block image");
      if (b.title) node.appendChild(el("div", "image-title", text(b.title, ctx)));
      node.appendChild(image(b));
      return node;
    },
    rich_text: (b, id, ctx) => {
      const node = el("div", "block rich-text");
      (b.elements || []).forEach((part) => node.appendChild(richPart(part, ctx)));
      return node;
    },
  };

  function image(item) {
    const img = el("img", "image");
    img.alt = item.alt_text || "";
    img.src = item.image_url || "";
    return img;
  }

  function richPart(part, ctx) {
    const inlineHtml = (elements) => (elements || []).map((e) => richInline(e, ctx)).join("");
    if (part.type === "rich_text_list") {
      const list = el(part.style === "ordered" ? "ol" : "ul", "rich-list");
      (part.elements || []).forEach((item) => list.appendChild(el("li", "", inlineHtml(item.elements))));
      return list;
    }
    if (part.type === "rich_text_quote") return el("blockquote", "", inlineHtml(part.elements));
    if (part.type === "rich_text_preformatted") return el("pre", "", inlineHtml(part.elements));
    return el("div", "rich-section", inlineHtml(part.elements));
  }

  function richInline(e, ctx) {
    let html;
    if (e.type === "user") html = Mrkdwn.render(`<@${e.user_id}>`, ctx);
    else if (e.type === "channel") html = Mrkdwn.render(`<#${e.channel_id}>`, ctx);
    else if (e.type === "link") html = `<a href="${esc(e.url)}" target="_blank" rel="noopener">${esc(e.text || e.url)}</a>`;
    else if (e.type === "date") html = esc(Mrkdwn.formatDate(e.timestamp, e.format || "{date}", ctx));
    else if (e.type === "emoji") html = e.unicode ? String.fromCodePoint(...e.unicode.split("-").map((h) => parseInt(h, 16))) : `:${esc(e.name)}:`;
    else html = esc(e.text || "").replace(/\n/g, "<br>");
    const style = e.style || {};
    if (style.code) html = `<code>${html}</code>`;
    if (style.bold) html = `<b>${html}</b>`;
    if (style.italic) html = `<i>${html}</i>`;
    if (style.strike) html = `<s>${html}</s>`;
    return html;
  }

  // ------------------------------------------------------------------------------------------ elements
  function current(surface, blockId, actionId) {
    return ((surface.values || {})[blockId] || {})[actionId];
  }

  function element(item, blockId, ctx, surface, inInput, dispatch) {
    const build = ELEMENTS[item.type];
    if (!build) return el("span", "unknown", esc(`[${item.type}]`));
    if (inInput && !current(surface, blockId, item.action_id)) {
      const initial = initialState(item);
      if (initial) surface.onChange(blockId, item.action_id, initial);
    }
    const node = build(item, blockId, ctx, surface, inInput, dispatch);
    node.dataset.actionId = item.action_id || "";
    return node;
  }

  // What an input starts with, so a submission carries it even if the person never touched it.
  function initialState(item) {
    const pairs = [["initial_value", "value"], ["initial_option", "selected_option"],
      ["initial_options", "selected_options"], ["initial_user", "selected_user"], ["initial_users", "selected_users"],
      ["initial_date", "selected_date"], ["initial_time", "selected_time"],
      ["initial_date_time", "selected_date_time"], ["initial_conversation", "selected_conversation"]];
    const found = pairs.find(([from]) => item[from] !== undefined);
    return found ? { [found[1]]: item[found[0]] } : null;
  }

  // What a change does: inside an input block it only updates the state (unless dispatch_action);
  // anywhere else it is an action the app receives.
  function changed(item, blockId, surface, inInput, dispatch, state) {
    surface.onChange(blockId, item.action_id, state);
    if (inInput && !dispatch) return;
    const action = { ...state, action_id: item.action_id, block_id: blockId, type: item.type };
    const go = () => surface.onAction(action);
    if (item.confirm) surface.confirm(item.confirm, go);
    else go();
  }

  function optionLabel(option, ctx) {
    return option && option.text ? text(option.text, ctx) : "";
  }

  function allOptions(item) {
    if (item.options) return item.options;
    return (item.option_groups || []).flatMap((group) => group.options || []);
  }

  function selectFrom(item, choices, selectedValue, placeholder, onPick) {
    const select = el("select", "select");
    const blank = el("option", "", esc(placeholder));
    blank.value = "";
    select.appendChild(blank);
    choices.forEach(([value, label]) => {
      const option = el("option", "", label);
      option.value = value;
      if (value === selectedValue) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", () => onPick(select.value));
    return select;
  }

  function plainLabel(option) {
    return esc((option.text || {}).text || "");
  }

  function people(ctx) {
    return Object.entries(ctx.users).filter(([id, u]) => !u.is_bot && id !== "USLACKBOT")
      .map(([id, u]) => [id, esc(u.real_name || u.name)]);
  }

  const ELEMENTS = {
    button: (item, blockId, ctx, surface) => {
      const b = el("button", `button ${item.style || ""}`, text(item.text, ctx));
      b.type = "button";
      b.addEventListener("click", () => {
        const action = { action_id: item.action_id, block_id: blockId, type: "button", value: item.value,
          text: item.text };
        if (item.url) window.open(item.url, "_blank", "noopener");
        const go = () => surface.onAction(action);
        if (item.confirm) surface.confirm(item.confirm, go);
        else go();
      });
      return b;
    },
    overflow: (item, blockId, ctx, surface) => {
      const wrap = el("div", "overflow");
      const b = el("button", "button overflow-button", "⋯");
      b.type = "button";
      const menu = el("div", "menu");
      menu.hidden = true;
      (item.options || []).forEach((option) => {
        const entry = el("button", "menu-item", optionLabel(option, ctx));
        entry.type = "button";
        entry.addEventListener("click", () => {
          menu.hidden = true;
          changed(item, blockId, surface, false, false, { selected_option: option });
        });
        menu.appendChild(entry);
      });
      b.addEventListener("click", () => { menu.hidden = !menu.hidden; });
      wrap.append(b, menu);
      return wrap;
    },
    static_select: (item, blockId, ctx, surface, inInput, dispatch) => {
      const options = allOptions(item);
      const state = current(surface, blockId, item.action_id);
      const chosen = state ? state.selected_option : item.initial_option;
      return selectFrom(item, options.map((o) => [o.value, plainLabel(o)]), chosen && chosen.value,
        (item.placeholder || {}).text || ctx.t("choose"), (value) => {
          const option = options.find((o) => o.value === value) || null;
          changed(item, blockId, surface, inInput, dispatch, { selected_option: option });
        });
    },
    users_select: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const chosen = state ? state.selected_user : item.initial_user;
      return selectFrom(item, people(ctx), chosen, (item.placeholder || {}).text || ctx.t("choose"),
        (value) => changed(item, blockId, surface, inInput, dispatch, { selected_user: value || null }));
    },
    conversations_select: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const chosen = state ? state.selected_conversation : item.initial_conversation;
      const rooms = Object.entries(ctx.channels).map(([id, c]) => [id, esc(`#${c.name}`)]);
      return selectFrom(item, rooms, chosen, (item.placeholder || {}).text || ctx.t("choose"),
        (value) => changed(item, blockId, surface, inInput, dispatch, { selected_conversation: value || null }));
    },
    multi_users_select: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const chosen = new Set(state ? state.selected_users : item.initial_users || []);
      const box = el("div", "multi");
      people(ctx).forEach(([id, label]) => {
        const row = el("label", "check", `<input type="checkbox" value="${esc(id)}"> ${label}`);
        const input = row.querySelector("input");
        input.checked = chosen.has(id);
        input.addEventListener("change", () => {
          const picked = [...box.querySelectorAll("input:checked")].map((i) => i.value);
          changed(item, blockId, surface, inInput, dispatch, { selected_users: picked });
        });
        box.appendChild(row);
      });
      return box;
    },
    checkboxes: (item, blockId, ctx, surface, inInput, dispatch) => choices(item, blockId, ctx, surface,
      inInput, dispatch, "checkbox"),
    radio_buttons: (item, blockId, ctx, surface, inInput, dispatch) => choices(item, blockId, ctx, surface,
      inInput, dispatch, "radio"),
    datepicker: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const input = el("input", "date");
      input.type = "date";
      input.value = (state ? state.selected_date : item.initial_date) || "";
      input.addEventListener("change", () => changed(item, blockId, surface, inInput, dispatch,
        { selected_date: input.value || null }));
      return input;
    },
    timepicker: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const input = el("input", "time");
      input.type = "time";
      input.value = (state ? state.selected_time : item.initial_time) || "";
      input.addEventListener("change", () => changed(item, blockId, surface, inInput, dispatch,
        { selected_time: input.value || null }));
      return input;
    },
    datetimepicker: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const seconds = state ? state.selected_date_time : item.initial_date_time;
      const input = el("input", "datetime");
      input.type = "datetime-local";
      if (seconds) input.value = localInput(seconds, ctx.tz);
      input.addEventListener("change", () => changed(item, blockId, surface, inInput, dispatch,
        { selected_date_time: input.value ? fromLocalInput(input.value, ctx.tz) : null }));
      return input;
    },
    plain_text_input: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const input = el(item.multiline ? "textarea" : "input", "text-input");
      if (!item.multiline) input.type = "text";
      if (item.max_length) input.maxLength = item.max_length;
      input.placeholder = (item.placeholder || {}).text || "";
      input.value = (state ? state.value : item.initial_value) || "";
      input.addEventListener("input", () => surface.onChange(blockId, item.action_id, { value: input.value }));
      if (dispatch) input.addEventListener("change", () => changed(item, blockId, surface, inInput, dispatch,
        { value: input.value }));
      return input;
    },
    number_input: (item, blockId, ctx, surface, inInput, dispatch) => {
      const state = current(surface, blockId, item.action_id);
      const input = el("input", "text-input");
      input.type = "number";
      input.value = (state ? state.value : item.initial_value) || "";
      input.addEventListener("input", () => surface.onChange(blockId, item.action_id, { value: input.value }));
      return input;
    },
  };

  function choices(item, blockId, ctx, surface, inInput, dispatch, kind) {
    const state = current(surface, blockId, item.action_id);
    const selected = state ? (kind === "radio" ? [state.selected_option].filter(Boolean) : state.selected_options)
      : (kind === "radio" ? [item.initial_option].filter(Boolean) : item.initial_options || []);
    const values = new Set(selected.map((o) => o.value));
    const box = el("div", `choices ${kind}`);
    const name = `${blockId}-${item.action_id}-${Math.random().toString(36).slice(2)}`;
    (item.options || []).forEach((option) => {
      const row = el("label", "check");
      const input = el("input");
      input.type = kind;
      input.name = name;
      input.value = option.value;
      input.checked = values.has(option.value);
      input.addEventListener("change", () => {
        const picked = [...box.querySelectorAll("input:checked")]
          .map((i) => item.options.find((o) => o.value === i.value));
        changed(item, blockId, surface, inInput, dispatch, kind === "radio"
          ? { selected_option: picked[0] || null } : { selected_options: picked });
      });
      row.appendChild(input);
      const label = el("span", "", optionLabel(option, ctx));
      if (option.description) label.appendChild(el("div", "choice-description", text(option.description, ctx)));
      row.appendChild(label);
      box.appendChild(row);
    });
    return box;
  }

  // <input type="datetime-local"> speaks the browser's zone; the person's Slack zone is what counts.
  function localInput(seconds, tz) {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(seconds * 1000));
    const get = (type) => parts.find((p) => p.type === type).value;
    return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
  }

  function fromLocalInput(value, tz) {
    const guess = Date.parse(`${value}:00Z`) / 1000;
    const shown = Date.parse(`${localInput(guess, tz)}:00Z`) / 1000;
    return Math.round(guess - (shown - guess));
  }

  return { render, text };
})();
