"""English catalog. Voice: short, warm, direct; never blames; no exclamation marks in reminders."""

from __future__ import annotations

EXAMPLE = "`/escalate @owner The client wants a call back today about the missed filing`"

MESSAGES: dict[str, str] = {
    # --- errors -----------------------------------------------------------------------------
    "error.generic": "Something went wrong, and nothing was changed. Please try again.",
    "error.invalid_input": "I couldn't use that. Please check it and try again.",
    "error.not_allowed": "Sorry, you can't do that here.",
    "error.not_found": "I couldn't find that.",
    "error.conflict": "That has already happened, so nothing was changed.",
    "error.unexpected": (
        "Sorry, something went wrong on my side. Nothing you sent was lost; please try again in a moment. "
        "If it keeps happening, give an admin this reference: `{ref}`"
    ),
    "error.not_saved": (
        "Not saved: I couldn't store this just now, so nothing was done. Please try again in a minute."
    ),
    "error.slack_unavailable": "I couldn't reach Slack to check that just now. Please try again in a moment.",
    "error.owner_missing": (
        "Please start with the person who owns the decision, then what happened. For example:\n" + EXAMPLE
    ),
    "error.owner_is_self": (
        "You named yourself. An escalation goes to the person who owns the decision, for example:\n" + EXAMPLE
    ),
    "error.owner_unknown": (
        "I couldn't find {user} in this workspace. Please pick someone from the member list. For example:\n"
        + EXAMPLE
    ),
    "error.owner_is_bot": (
        "{user} is an app, not a person. Please name the person who owns the decision. For example:\n"
        + EXAMPLE
    ),
    "error.owner_deactivated": (
        "{user}'s account is deactivated, so they can't respond. Please name who owns the decision now. For example:\n"
        + EXAMPLE
    ),
    "error.summary_missing": "Please add what happened after the name, for example:\n" + EXAMPLE,
    "error.summary_too_long": (
        "That text is {length} characters; I can keep up to {limit}. Please shorten it, or put the rest in "
        "the thread once the escalation is posted."
    ),
    "error.field_too_long": "Please keep this under {limit} characters.",
    "error.escalate_rate_limited": (
        "You've raised {limit} escalations in the last hour, which is the most for now, so I didn't raise this"
        " one. You can raise the next from {until}; nothing you raised before is affected."
    ),
    "error.owner_flooded": (
        "{owner} has been sent {limit} escalations in the last hour, so I didn't add this one to the pile."
        " If it can't wait, raise it again as urgent (urgent ones always go through); otherwise you can"
        " raise it from {until}."
    ),
    "error.update_rate_limited": (
        "You've posted {limit} updates in the last hour, which is the most for now, so this one wasn't"
        " posted. You can post the next from {until}."
    ),
    "error.brought_in_rate_limited": (
        "You've brought people in {limit} times in the last hour, which is the most for now, so nobody new"
        " was added. You can bring someone in again from {until}."
    ),
    "error.escalate_usage": "I didn't understand that. Here is how `/escalate` works:",
    "error.escalation_not_found": "I couldn't find escalation #{number}.",
    "error.escalation_unavailable": "I can't find that escalation, or it isn't one you're on.",
    "error.only_owner_can_ack": "Only the owner, {owner}, can acknowledge this escalation.",
    "error.already_acknowledged": "#{number} was already acknowledged by {user}, so nothing changed.",
    "error.already_resolved": "#{number} is already resolved, so nothing changed.",
    "error.only_people_on_it": (
        "Only the owner, the person who raised it, and admins can change #{number}. "
        "You can still reply in its thread."
    ),
    "error.not_on_escalation": "You're not on #{number}, so you can't bring people in.",
    "error.already_on_escalation": "Everyone you chose is already on this escalation.",
    "error.update_missing": "Please write the update before sending it.",
    "error.reassign_same_owner": "{user} already owns this escalation. Please choose someone else.",
    "error.promised_in_past": "That time has already passed. Please pick the time you promised the client.",
    "error.admin_only": "Only admins can do that.",
    "error.trigger_expired": "That took a little too long for Slack. Please run the command again.",
    # --- the card -----------------------------------------------------------------------------
    "card.header": "Escalation #{number}",
    "card.confidential_note": (
        "Confidential: only the people on this escalation can see it. Raising it will not count against you."
    ),
    "card.continued": "(continued in the thread)",
    "card.field.owner": "*Owner*\n{owner}",
    "card.field.raiser": "*Raised by*\n{raiser}",
    "card.field.severity": "*Severity*\n{severity}",
    "card.field.kind": "*Kind*\n{kind}",
    "card.field.client": "*Client or matter*\n{client}",
    "card.field.promised": "*Reply promised to the client by*\n{when}",
    "card.field.brought_in": "*Also on it*\n{users}",
    "card.status.overdue": "⚠️ Past the reply time promised to the client ({when}): the client is waiting.",
    "card.status.waiting": "⏳ Waiting for {owner} to acknowledge.",
    "card.status.acknowledged": "✅ Acknowledged by {user} · {when}",
    "card.status.resolved": "✔️ Resolved by {user} · {when}",
    "card.status.decision": "*Decision:* {decision}",
    "card.source": "From this message: <{link}|open the original>",
    "card.fallback": "Escalation #{number} for {owner}: {summary}",
    "button.acknowledge": "Acknowledge",
    "button.post_update": "Post update",
    "button.reassign": "Reassign",
    "button.resolve": "Resolve",
    "button.bring_in": "Bring someone in",
    "button.open_thread": "Open the thread",
    "severity.low": "Low",
    "severity.normal": "Normal",
    "severity.urgent": "Urgent",
    "kind.complaint": "A complaint",
    "kind.possible_harassment": "Possibly customer harassment",
    "kind.own_mistake": "Our own mistake",
    "kind.other": "Other",
    "kind.not_sure": "Not sure",
    "status.open": "waiting for acknowledgement",
    "status.acknowledged": "acknowledged",
    "status.resolved": "resolved",
    # --- thread lines (shared: workspace language) ---------------------------------------------
    "thread.fallback": "#{number}:",
    "thread.summary_rest": "The rest of what happened:",
    "thread.acknowledged": "✅ {user} acknowledged this escalation.",
    "thread.acknowledged_by_reply": "✅ {user} replied here, so this escalation counts as acknowledged.",
    "thread.update": "📝 Update from {user}:\n{text}",
    "thread.reassigned": "↪️ {user} reassigned this escalation from {from} to {to}. It now waits for {to} to acknowledge.",
    "thread.reason": "Reason: {reason}",
    "thread.resolved": "✔️ {user} resolved this escalation.",
    "thread.brought_in": "👥 {user} brought in {users}.",
    # --- direct messages (each in the recipient's language) -------------------------------------
    "dm.owner.assigned": "{raiser} has escalated #{number} to you, as the person who owns the decision:",
    "dm.owner.reassigned": "{by} has reassigned #{number} to you (it was with {previous}):",
    "dm.owner.client": "Client or matter: {client}",
    "dm.owner.promised": "The client was promised a reply by {when}.",
    "dm.owner.ask": "Could you acknowledge it, so the person who raised it knows you have it?",
    "dm.owner.not_posted_yet": "The thread isn't posted yet; I'll post it as soon as Slack lets me.",
    "dm.raiser_posted": (
        "Escalation #{number} is posted in {channel} (<{link}|open the thread>), and {owner} has been asked to "
        "acknowledge it. I'll tell you when they do."
    ),
    "dm.raiser_posted_confidential": (
        "Confidential escalation #{number} is posted in a private space only the people on it can see "
        "(<{link}|open it>). {owner} has been asked to acknowledge it. Raising it will not count against you."
    ),
    "dm.raiser_delayed": (
        "Escalation #{number} is saved, but I couldn't post it in Slack yet. Nothing is lost: I'll keep trying "
        "and let you know as soon as it's up."
    ),
    "dm.raiser_acknowledged": "{user} acknowledged escalation #{number}. <{link}|Open the thread>",
    "dm.raiser_resolved": "{user} resolved escalation #{number}. <{link}|Open the thread>",
    # --- admin notices ---------------------------------------------------------------------------
    "admin.cannot_post": (
        "I can't post escalation #{number} in {channel}; Slack said `{reason}`. It is saved and I keep retrying."
    ),
    "admin.private_space": "its private space",
    "admin.hint.invite": "To fix it, invite me to that channel (type `/invite @itabasami` there).",
    "admin.hint.missing": (
        "To fix it: if the channel is private, invite me to it (type `/invite @itabasami` there); otherwise set "
        "ESCALATION_CHANNEL to an existing channel's ID and restart me."
    ),
    "admin.hint.archived": "To fix it, unarchive the channel or set ESCALATION_CHANNEL to another one.",
    "admin.hint.generic": "If this lasts, check the app's permissions and the channel settings.",
    "admin.send_failed": (
        "A message could not be delivered after several tries (kind `{kind}`, escalation {number}). "
        "Slack said: `{reason}`."
    ),
    # --- /escalate list and help -----------------------------------------------------------------
    "list.empty": "You have no open escalations, as owner or as the person who raised them.",
    "list.mine": "Your open escalations ({count})",
    "list.all": "All open escalations ({count})",
    "list.more": "…and {count} more.",
    "list.line": "{mark} *{link}* · {severity} · {status}\nOwner {owner} · raised by {raiser}\n{summary}",
    "list.confidential_line": "🔒 *#{number}* · confidential (opened {when}); its content is visible only to the people on it.",
    "help.escalate": (
        "*Escalate a client problem to the person who owns the decision*\n"
        "• `/escalate` opens a form: owner, client, what happened, kind, severity, the reply time promised to the "
        "client, and a confidential option.\n"
        "• `/escalate @owner what happened` creates it straight away.\n"
        "• `/escalate list` shows your open escalations.\n"
        "• `/escalate away 2026-12-01..2026-12-05 @standin` names who covers for you while you're away; "
        "`/escalate hours 09:00-18:00 mon-fri` sets when reminders that can wait reach you; "
        "`/escalate chain @person` shows who is above someone (admins set it with `/escalate chain @person @manager`).\n"
        "• On any message from a client: *More actions → Escalate this message*.\n"
        "The owner is mentioned in a thread and acknowledges with one click; you'll hear when they do."
    ),
    "help.desk": "Consultation desk: {desk}. You can add them to any escalation, confidential ones included.",
    # --- slash command replies ----------------------------------------------------------------------
    "reply.created": "Escalation #{number} is saved. I'm posting it now and asking {owner} to acknowledge it.",
    "reply.created_confidential": (
        "Confidential escalation #{number} is saved. I'm setting up a private space for you and {owner}."
    ),
    # --- modals -----------------------------------------------------------------------------------
    "modal.cancel": "Cancel",
    "modal.choose_person": "Choose a person",
    "modal.new.title": "Escalate",
    "modal.new.submit": "Escalate",
    "modal.new.intro": "Hand this to the person who owns the decision. They'll be named in a thread and asked to acknowledge.",
    "modal.new.owner": "Who owns the decision?",
    "modal.new.owner_hint": "The lawyer, manager or section head responsible. Not yourself.",
    "modal.new.client": "Client or matter",
    "modal.new.summary": "What happened, and what do you need?",
    "modal.new.summary_placeholder": "What the client said, what they're asking for, and what you need decided.",
    "modal.new.kind": "What kind of situation is it?",
    "modal.new.kind_hint": "Your own impression, not a verdict on anyone. 'Not sure' is a fine answer.",
    "modal.new.severity": "How urgent is it?",
    "modal.new.promised": "Reply promised to the client by",
    "modal.new.promised_hint": "Optional. Everyone on the escalation sees it in their own time zone.",
    "modal.new.options": "Options",
    "modal.new.confidential": "Confidential",
    "modal.new.confidential_hint": "Kept out of the shared channel; only the people on it can see it.",
    "modal.new.include_desk": "Add the consultation desk",
    "modal.new.include_desk_hint": "The firm's consultation contact joins this escalation.",
    "modal.hr.intro": (
        "If you'd like, note down the facts while they're fresh: when, where, what was said or demanded, by "
        "whom, and who witnessed it. Every field is optional."
    ),
    "modal.hr.when": "When did it happen?",
    "modal.hr.where": "Where (phone, email, on site …)?",
    "modal.hr.what": "What was said or demanded?",
    "modal.hr.by_whom": "By whom?",
    "modal.hr.witnesses": "Who witnessed it?",
    "modal.update.title": "Post an update",
    "modal.update.submit": "Post",
    "modal.update.label": "Update for #{number}",
    "modal.update.hint": "Posted in the escalation's thread for everyone on it.",
    "modal.reassign.title": "Reassign",
    "modal.reassign.submit": "Reassign",
    "modal.reassign.label": "Who should own #{number} now?",
    "modal.reassign.reason": "Why (optional)",
    "modal.resolve.title": "Resolve",
    "modal.resolve.submit": "Resolve",
    "modal.resolve.intro": "Resolving #{number} closes it and stops its reminders.",
    "modal.resolve.label": "What was decided?",
    "modal.resolve.hint": "Kept on the escalation's record and shown in its thread.",
    "modal.bring_in.title": "Bring someone in",
    "modal.bring_in.submit": "Add",
    "modal.bring_in.label": "Who should join #{number}?",
    "modal.bring_in.hint": "They are mentioned in the thread; for a confidential escalation they are added to its private space.",
    # --- later: nudges, chain, reminders, leave and working hours --------------------------------
    "card.field.standin": "*Standing in for*\n{owner} (away)",
    "card.field.chain": "*Escalated to*\n{users}",
    "card.field.cadence": "*Client updates*\nevery {every}",
    "thread.chain": "⬆️ No acknowledgement for {since}, so this escalation now goes to {manager}, who is above {below} in the escalation chain. Either of you can acknowledge it.",
    "thread.overdue": "⏰ The reply promised to the client by {promised} is due now. {owner}, could you reply to the client, or post an update here?",
    "nudge.standin": "You are standing in for {owner}, who is away.",
    "nudge.first": "Escalation #{number} from {raiser} is still waiting for your acknowledgement (raised {since} ago):",
    "nudge.again": "Sent again, in case the first one got buried (if you have just acknowledged, thank you, and please ignore this): escalation #{number} from {raiser} has been waiting {since}:",
    "nudge.ask": "Could you acknowledge it, or reassign it if the decision isn't yours?",
    "chain.dm": "Escalation #{number}, raised by {raiser}, has had no acknowledgement from {below} for {since}, so it comes to you as the next person in the escalation chain. Could you acknowledge it, or make sure someone picks it up?",
    "reminder.first": "Escalation #{number}: the client was promised a reply by {when} ({left} from now). Please reply to them, or post an update in the thread if the reply will be late.",
    "reminder.again": "Escalation #{number}, again as you asked: the client's reply is due by {when} ({left} from now). If it has already gone out, thank you, and please ignore this.",
    "cadence.dm": "Escalation #{number}: the client has had no update for {since} (you agreed to update them every {every}). When you've been in touch, post an update so everyone on it knows.",
    "snooze.done": "💤 Snoozed. I'll remind you again {when}.",
    "button.snooze_30m": "30 min",
    "button.snooze_1h": "1 hour",
    "button.snooze_2h": "2 hours",
    "button.snooze_morning": "Tomorrow morning",
    "admin.chain_top": "Escalation #{number} has had no acknowledgement for {since}, and nobody is set above {top} in the escalation chain. Could someone take a look? To set the chain: `/escalate chain @person @manager`.",
    "error.hours_overnight": "Working hours need to start and end on the same day, so `{hours}` can't be used yet. Please give a daytime range such as `/escalate hours 09:00-18:00`, or `default` for the workspace's hours.",
    "error.hours_format": "Please write working hours like `/escalate hours 09:00-18:00 mon-fri` (days are optional).",
    "error.away_format": "Please write it like `/escalate away 2026-12-01..2026-12-05 @standin`, or `/escalate away off`.",
    "error.away_dates_order": "The first day must come before the last day, for example `2026-12-01..2026-12-05`.",
    "error.away_in_past": "Those days have already passed. Please give dates from today on.",
    "error.away_self": "You can't stand in for yourself. Please name a colleague.",
    "error.chain_format": "Please write it like `/escalate chain @person @manager`, `/escalate chain @person` to see it, or `/escalate chain @person none` to remove the link.",
    "error.chain_self": "A person can't be above themselves in the chain.",
    "error.chain_loop": "That would make a loop: {user} is already above {manager} in the chain.",
    "chain.saved": "Saved. The escalation chain from {person}: {chain}.",
    "chain.removed": "Removed the link above {person}.",
    "chain.none": "Nobody is set above {person}. If no one acknowledges their escalations, the admins are told.",
    "chain.show": "The escalation chain from {person}: {chain}. After the top, the admins are told.",
    "away.saved": "Noted: from {first} to {last}, new escalations and nudges for you go to {standin}, and cards say they are standing in. `/escalate away off` ends it early.",
    "away.cleared": "Welcome back. Escalations and nudges come to you again.",
    "away.none": "You have no leave set. To set one: `/escalate away 2026-12-01..2026-12-05 @standin`.",
    "away.show": "Your leave: {periods}. `/escalate away off` ends it.",
    "away.period": "{first} to {last} (stand-in {standin})",
    "hours.saved": "Saved. Reminders that can wait come to you {hours}, in your own time zone ({tz}).",
    "hours.cleared": "Back to the workspace's hours: {hours}.",
    "hours.show": "Reminders that can wait come to you {hours}, in your time zone ({tz}). To change: `/escalate hours 08:30-17:30 mon-fri`; to go back to the default: `/escalate hours default`.",
    "modal.new.cadence": "Remind us to update the client every",
    "modal.new.cadence_hint": "Optional. If nothing is posted with Post update for this long, the owner and you get a reminder.",
    "modal.update.cadence": "Remind to update the client every",
    "cadence.none": "No reminders",
    # --- peer support (/vent) ---------------------------------------------------------------------
    "error.vent_off": "Peer support isn't set up in this workspace yet. An admin can turn it on by setting PEER_CHANNEL.",
    "error.vent_empty": "Please write something first. It will be posted without your name.",
    "error.vent_too_long": "That's {length} characters; an anonymous post can hold up to {limit}. Please shorten it.",
    "error.encourage_not_yours": (
        "Only the person who raised an escalation can ask colleagues for encouragement about it, and only"
        " from the message that told them it was posted. If that's you, use the button there; if you asked"
        " for it yourself and still see this, the escalation may be gone."
    ),
    "error.encourage_rate_limited": (
        "You've asked colleagues for encouragement {limit} times this hour, which is the most for now. You"
        " can ask again from {until}."
    ),
    "error.vent_rate_limited": (
        "You've posted {limit} times this hour, which is the most for now. You can post again from {until}."
    ),
    "error.vent_paused": (
        "You can't post anonymously right now: a moderator paused the author of an earlier anonymous message "
        "until {until}. They don't know who you are, and nobody else knows you got this note. If something needs "
        "the firm's attention, `/escalate` reaches a person, confidentially if you like."
    ),
    "error.vent_not_found": "I couldn't find that anonymous message. It may have been removed.",
    "error.vent_not_author": "Only the person who wrote this post can do that.",
    "error.vent_not_reply_author": "Only the person who wrote this reply can delete it.",
    "error.vent_gone": "That anonymous message has already been removed, so nothing changed.",
    "error.vent_post_gone": "This post has been taken down, so it no longer takes replies.",
    "error.vent_not_posted_yet": "This post isn't up yet. Please try again in a little while.",
    "error.vent_not_anonymous": (
        "That isn't an anonymous post, so there is nothing for me to report. If a colleague's message worries "
        "you, you can talk to a moderator, or use `/escalate`."
    ),
    "error.vent_already_reported": "You've already reported this one. The moderators have it.",
    "error.vent_already_hidden": "It's already hidden, so nothing changed.",
    "error.vent_key_changed": (
        "This was written before the bot's anonymity key (ANON_SECRET) was changed, so its author can no"
        " longer be recognised and cannot be paused. You can still hide it."
    ),
    "error.vent_cannot_pause": "These words are the bot's own, so there is no author to pause.",
    "error.vent_moderators_only": "Only moderators can do that.",
    "vent.post.byline": "🫧 *An anonymous colleague*",
    "vent.post.footer": (
        "Reply in the thread as yourself, or with *Reply anonymously*. Nobody can see who wrote this, "
        "admins included."
    ),
    "vent.post.fallback": "An anonymous colleague: {text}",
    "vent.button.reply": "Reply anonymously",
    "vent.menu.report": "Report to moderators",
    "vent.menu.delete_post": "Delete my post",
    "vent.menu.delete_reply": "Delete my reply",
    "vent.reply.op": "OP (wrote the post)",
    "vent.reply.anon": "Anonymous {number}",
    "vent.reply.fallback": "{name}: {text}",
    "vent.encourage.post": (
        "🌱 A colleague is handling a difficult client situation today. If you have a moment, a few kind "
        "words in this thread would mean a lot. Your replies reach them privately, and they stay anonymous."
    ),
    "vent.encourage.fallback": "A colleague could use some encouragement today.",
    "vent.weekly.post": (
        "🌟 *Thanks and small wins*\nWho made your week a little easier? Thank a colleague by name, or share "
        "something that went well. Reply under your own name, or anonymously with the button."
    ),
    "vent.weekly.fallback": "Thanks and small wins this week",
    "vent.who_sees": (
        "*Who sees what*\n"
        "• Colleagues in {channel} see your words under “An anonymous colleague”: no name, no picture.\n"
        "• Nobody can see that you wrote it: not colleagues, not moderators, not admins.\n"
        "• Moderators can take a post down and pause its author without learning who it is."
    ),
    "vent.not_desk": (
        "This is peer support among colleagues, not the firm's consultation desk. If the firm needs to act on "
        "something (a client's behaviour, harassment, a mistake to put right), `/escalate` takes it to a named "
        "person and can keep it confidential."
    ),
    "vent.receipt.posted": "Posted anonymously in {channel}. Nobody can see that it was you, admins included.",
    "vent.receipt.delayed": (
        "Saved. I'll post it anonymously in {channel} at a random moment in the next half hour, so the time "
        "doesn't point to you. Nobody can see that it was you, admins included."
    ),
    "vent.receipt.notify_on": "I'll send you a private message when someone replies, until {until}. Only you see it.",
    "vent.receipt.deleted": "Your post is deleted, with its anonymous replies.",
    "vent.saving": "Saved. It is being posted now; you can close this window, and if it stays open your receipt appears here.",
    "vent.receipt.fallback": "Your anonymous post",
    "vent.button.notify": "Tell me when someone replies",
    "vent.button.delete": "Delete my post",
    "vent.confirm.delete.title": "Delete your post?",
    "vent.confirm.delete.text": "It disappears from the channel, with its anonymous replies. This can't be undone.",
    "vent.confirm.delete.yes": "Delete",
    "vent.confirm.delete.no": "Keep it",
    "vent.crisis.intro": (
        "It sounds like things may be very hard right now. You don't have to carry this alone. If you'd like "
        "to talk to someone, these lines are there for you, whenever you choose:"
    ),
    "vent.crisis.line": "• *{name}*: {contact} ({hours})",
    "vent.crisis.footer": (
        "Only you can see this. Nobody else has been told, and your post stays anonymous."
    ),
    "crisis.yorisoi.name": "Yorisoi Hotline (よりそいホットライン)",
    "crisis.yorisoi.contact": "0120-279-338, free (from Iwate, Miyagi or Fukushima: 0120-279-226)",
    "crisis.yorisoi.hours": "24 hours, every day",
    "crisis.inochi.name": "Inochi no Denwa (いのちの電話), free line",
    "crisis.inochi.contact": "0120-783-556",
    "crisis.inochi.hours": "16:00–21:00 every day; 24 hours on the 10th of each month",
    "crisis.emergency_jp.name": "Emergency in Japan",
    "crisis.emergency_jp.contact": "119 for an ambulance, 110 for the police",
    "crisis.emergency_jp.hours": "24 hours",
    "crisis.lifeline_988.name": "988 Suicide & Crisis Lifeline (US)",
    "crisis.lifeline_988.contact": "Call or text 988, or chat at https://988lifeline.org",
    "crisis.lifeline_988.hours": "24/7",
    "crisis.crisis_text_line.name": "Crisis Text Line (US)",
    "crisis.crisis_text_line.contact": "Text HOME to 741741",
    "crisis.crisis_text_line.hours": "24/7",
    "crisis.emergency_us.name": "Emergency in the US",
    "crisis.emergency_us.contact": "Call 911",
    "crisis.emergency_us.hours": "24/7",
    "vent.relay.link": "💬 Someone replied to your anonymous post in {channel}.",
    "vent.relay.find": (
        "Find it in the channel by your own words: this message has no link to your post, so it can never"
        " point to you, even later."
    ),
    "vent.relay.footer": "Only you get this message. Nobody can see that you asked for it.",
    "vent.relay.person": "💬 {user} replied to your request for encouragement:",
    "vent.relay.anonymous": "💬 *{name}* replied to your request for encouragement:",
    "vent.encourage.asked": (
        "I'll ask colleagues in {channel} in the next half hour, with no name, client or detail (the moment is "
        "random, so it doesn't point to your escalation). Their replies will come to you here, privately."
    ),
    "vent.encourage.already": "You've already asked about this one. Colleagues' replies come to you here, privately.",
    "dm.offer_encouragement": (
        "This sounds like a hard one. If you'd like, I can ask colleagues in {channel} for a few words of "
        "encouragement, without your name, the client or any detail. Their replies come to you here, privately."
    ),
    "button.ask_encouragement": "Ask colleagues for encouragement",
    "help.vent": (
        "*Peer support, anonymously*\n"
        "• `/vent` opens a form with a preview and two options: a private message when someone replies "
        "(for {days} days), and posting at a random moment.\n"
        "• `/vent what's on your mind` posts it in {channel} straight away.\n"
        "• Colleagues reply in the thread under their own names, or with *Reply anonymously*: in each thread "
        "the author shows as “OP”, others as “Anonymous 1”, “Anonymous 2” ….\n"
        "• The “…” menu on an anonymous message lets anyone report it, and its author delete it."
    ),
    "vent.admin.cannot_post": (
        "I can't post in the peer support channel {channel}: Slack said `{reason}`. Anonymous posts are kept and "
        "go out once I can. To fix it, invite me there (`/invite @itabasami`) or check PEER_CHANNEL."
    ),
    "vent.admin.relay_failed": (
        "A private notice to the author of an anonymous post could not be delivered. "
        "I keep no record of who it was for, so I can't say; the notice was dropped."
    ),
    "vent.admin.send_failed": (
        "A peer support message could not be delivered after several tries (kind `{kind}`). Slack said `{reason}`."
    ),
    "mod.notice.post": "🚩 An anonymous post in {channel} was reported.",
    "mod.notice.reply": "🚩 An anonymous reply in {channel} was reported.",
    "mod.notice.count": "Reported by {count} people.",
    "mod.notice.reasons": "What reporters wrote:",
    "mod.notice.explain": (
        "You can hide it (I delete it, and a post goes with its anonymous replies) or pause its author from "
        "anonymous posting for a while. Nobody, you included, can see who wrote it, and reporters stay private too."
    ),
    "mod.button.open": "Open it",
    "mod.button.hide": "Hide it",
    "mod.button.mute": "Pause the author…",
    "mod.button.keep": "Leave it up",
    "mod.confirm.hide.title": "Hide this message?",
    "mod.confirm.hide.text": "I'll delete it from the channel (a post goes with its anonymous replies). This can't be undone.",
    "mod.confirm.hide.yes": "Hide it",
    "mod.confirm.hide.no": "Cancel",
    "mod.status.hidden": "🙈 Hidden by {user}.",
    "mod.status.muted": "⏸️ {user} paused its author until {until}.",
    "mod.status.kept": "👍 {user} left it up.",
    "mod.status.removed": "Its author has since deleted it.",
    "mute.for_1": "1 day",
    "mute.for_7": "7 days",
    "mute.for_30": "30 days",
    "modal.close": "Close",
    "modal.vent.title": "Anonymous post",
    "modal.vent.submit": "Post anonymously",
    "modal.vent.label": "What's on your mind?",
    "modal.vent.placeholder": "Write it the way you'd tell a colleague who gets it.",
    "modal.vent.preview_label": "Preview: what colleagues in {channel} will see",
    "modal.vent.preview_empty": "_Your words will appear here, under “An anonymous colleague”._",
    "modal.vent.options": "Options",
    "modal.vent.notify": "Tell me privately when someone replies",
    "modal.vent.notify_hint": "A message from the bot, for {days} days. Nobody else sees it.",
    "modal.vent.delay": "Post after a random delay",
    "modal.vent.delay_hint": "5 to 30 minutes, so the time doesn't point to you.",
    "modal.reply.title": "Reply anonymously",
    "modal.reply.submit": "Reply",
    "modal.reply.label": "Your reply",
    "modal.reply.intro": (
        "Your reply appears in the thread under a name that stays the same in this thread only: “OP” if it's "
        "your post, otherwise “Anonymous” and a number. Nobody can see that it was you."
    ),
    "modal.reply.done": "Your reply is on its way to the thread, as *{name}*.",
    "modal.report.title": "Report to moderators",
    "modal.report.submit": "Report",
    "modal.report.intro": (
        "Moderators will get a link to this anonymous message. They can take it down and pause its author "
        "without learning who wrote it. They won't be told who reported it either."
    ),
    "modal.report.reason": "What's the concern? (optional)",
    "modal.report.done": "Thank you. The moderators have been told.",
    "modal.delete.title": "Delete your post",
    "modal.delete.text": "Your post disappears from {channel}, with its anonymous replies. Replies people wrote under their own names stay.",
    "modal.delete_reply.title": "Delete your reply",
    "modal.delete_reply.text": "Your anonymous reply disappears from the thread in {channel}.",
    "modal.delete.submit": "Delete",
    "modal.delete.keep": "Keep it",
    "modal.delete.done": "Deleted.",
    "modal.mute.title": "Pause the author",
    "modal.mute.submit": "Pause",
    "modal.mute.intro": (
        "The author won't be able to post or reply anonymously for the time you choose. Nobody, you included, "
        "learns who they are; if they try, they see why."
    ),
    "modal.mute.label": "For how long?",
    # =============================================================================================
    # --- care (issue 5): check-ins, review, thanks, App Home, export, retention, digest ---------
    # =============================================================================================
    "care.checkin.raised": "Hi, it's itabasami. A few hours ago you handed #{number} to the person who owns the decision. Taking a client's frustration over a call that isn't yours can wear anyone down. How are you holding up?",
    "care.checkin.morning": "Good morning. #{number} may still be on your mind, or it may not. How are you today?",
    "care.checkin.resolved": "#{number} is resolved now. Looking back on it, how are you feeling?",
    "care.checkin.meeting": "Your meeting about #{number} should be over by now. How did it leave you?",
    "care.checkin.rough": "I wanted to check in again after your last answers. How are you doing right now?",
    "care.checkin.snooze": "Checking in again about #{number}, as you asked. How are you today?",
    "care.checkin.later": "Checking in about #{number}. How are you doing these days?",
    "care.checkin.reminder": "In case my earlier message about #{number} got buried: there is no need to reply. If you'd like to say how you are, the buttons are here.",
    "care.checkin.private": "You don't have to answer. Whatever you choose here stays between us: the owner, managers and admins never see it.",
    "care.mood.1": "😣 Rough",
    "care.mood.2": "😕 Not great",
    "care.mood.3": "😐 Okay",
    "care.mood.4": "🙂 Fine",
    "care.mood.5": "😊 Good",
    "care.button.vent": "Post anonymously",
    "care.button.peer": "Talk to a peer supporter",
    "care.button.desk": "Contact the consultation desk",
    "care.button.snooze": "Ask me tomorrow",
    "care.button.stop": "No more about #{number}",
    "care.button.stop_all": "Stop all check-ins",
    "care.button.listen": "Just listen",
    "care.button.think": "Think it through with me",
    "care.button.help": "Help me now",
    "care.thanks.1": "Thank you for telling me. That sounds really hard, and it makes sense after what you carried.",
    "care.thanks.2": "Thank you for telling me. Feeling low after something like this is understandable.",
    "care.thanks.3": "Thank you for letting me know.",
    "care.thanks.4": "Thank you. I'm glad to hear it.",
    "care.thanks.5": "Thank you. I'm glad to hear it.",
    "care.support.ask": "If you'd like some support, what kind would help? Only if you want it.",
    "care.support.streak": "Your last few answers sounded tough. Would it help to talk with a colleague who has been in the same spot? Only if you'd like. I'll also check in again a little sooner.",
    "care.support.listen": "I'm listening. You don't have to fix anything or explain it. If you'd like to put it into words, colleagues who have been there read anonymous posts. From now on my check-ins will stay short.",
    "care.support.think": "Let's think it through. A few questions some people find useful (no need to answer me):\n• Which part was yours to decide, and which belonged to the owner?\n• What did you do that helped the client, even a little?\n• What would you tell a colleague who came to you with this?\nIf talking it over would help, a peer supporter can listen.",
    "care.support.help": "Here is who can help now. Choose either, or neither:",
    "care.support.help_no_desk": "A peer supporter can talk with you now. Your firm's consultation desk isn't set in itabasami; your manager or HR can tell you how to reach it.",
    "care.snoozed": "All right. I'll ask again tomorrow.",
    "care.stopped": "Understood. No more check-ins about #{number}. You can change your check-ins any time on my Home tab.",
    "care.stopped_all": "Understood. Check-ins are off. If you'd like them back, turn them on from my Home tab.",
    "care.peer.connected": "I've opened a group DM with {supporter}, a colleague who offered to listen. Nothing about how you're doing was shared; you decide what to say.",
    "care.peer.none": "Nobody has offered to be a peer supporter yet, I'm sorry. You can still post anonymously to colleagues, or contact the consultation desk if your firm has one.",
    "care.desk.connected": "I've opened a group DM with the consultation desk ({desk}). Nothing about how you're doing was shared; you decide what to say.",
    "care.desk.none": "Your firm's consultation desk isn't set in itabasami. Your manager or HR can tell you how to reach it.",
    "care.connect.peer_intro": "{person} would like to talk with a peer supporter, and {supporter} offered to listen. Thank you. Nothing else was shared, by me or anyone: take it from here together.",
    "care.connect.desk_intro": "{person} asked to talk with the consultation desk. {desk}, could you reach out when you can? Nothing else was shared.",
    "care.vent.unavailable": "Anonymous posting isn't set up in this workspace yet. If you'd like to talk to someone, a peer supporter or the consultation desk can help.",
    "care.meeting.offer": "{raiser}, if you have a meeting about this coming up, I can check on you privately right after it.",
    "care.meeting.button": "Check on me after a meeting",
    "care.meeting.title": "After the meeting",
    "care.meeting.label": "When does the meeting end?",
    "care.meeting.hint": "I'll send you a short private check-in then, even outside working hours (not during Do Not Disturb).",
    "care.meeting.submit": "Schedule",
    "care.meeting.saved": "I'll check in with you after the meeting, at {when}.",
    "error.meeting_raiser_only": "Only the person who raised #{number} can ask for this check-in.",
    "error.meeting_time": "Please choose a time in the next 60 days.",
    "care.review.invite": "#{number} is resolved. When you have a few minutes, would you write a short review? It's about what we can learn and change, not about who was at fault. It goes on the escalation's record, and into the thread only if you choose.",
    "care.review.button": "Write a review",
    "care.review.title": "Blameless review",
    "care.review.intro": "Write to learn, not to blame: describe how we worked, not what someone did wrong. Every question is optional.",
    "care.review.client": "What did the client experience?",
    "care.review.we_did": "What did we do?",
    "care.review.where": "Where did the misunderstanding or mistake arise?",
    "care.review.where_hint": "In the process, a handover or the information we had, rather than in a person.",
    "care.review.change": "What will we change next time?",
    "care.review.who": "Who needs to know?",
    "care.review.share": "Sharing",
    "care.review.share_thread": "Post this review in the escalation's thread",
    "care.review.share_people": "Send it to the people named above",
    "care.review.submit": "Save",
    "care.review.saved": "Thank you. Your review is on #{number}'s record.",
    "care.review.not_sent": "It wasn't sent to {users}: they aren't on this confidential escalation.",
    "care.review.heading": "📝 Review of #{number} by {author}",
    "care.review.for_you": "{author} shared a review of #{number} with you, as someone who needs to know.",
    "care.review.field_client": "*What the client experienced:* {text}",
    "care.review.field_we_did": "*What we did:* {text}",
    "care.review.field_where": "*Where it went wrong:* {text}",
    "care.review.field_change": "*What we'll change:* {text}",
    "care.review.field_who": "*Who needs to know:* {users}",
    "error.review_empty": "Please answer at least one question.",
    "error.review_not_allowed": "The review of #{number} is for its owner and the person who raised it.",
    "care.thank.prompt": "#{number} is resolved. {raiser} was the one facing the client while it was open. Would you like to thank them? Here's a line you can send as it is, or change:",
    "care.thank.line": "Thank you for handling #{number} with the client so calmly, and for bringing it to me quickly. It made a real difference.",
    "care.thank.button": "Send thanks",
    "care.thank.title": "Say thank you",
    "care.thank.label": "Your message",
    "care.thank.where": "Where",
    "care.thank.where_thread": "In the thread, so everyone on it sees",
    "care.thank.where_dm": "Privately, by DM",
    "care.thank.submit": "Send",
    "care.thank.sent": "Sent. Thank you for taking a moment for it.",
    "care.thank.thread": "💐 {owner} to {raiser}: {text}",
    "care.thank.dm": "💐 A message from {owner} about #{number}:\n{text}",
    "error.thanks_empty": "Please write a line before sending it.",
    "error.thanks_owner_only": "Thanks for #{number} come from its owner.",
    "error.timezone_unknown": "I don't know the time zone {zone}. Please use a name such as Asia/Tokyo or America/New_York, or leave it empty to follow Slack.",
    "home.header": "Your escalations",
    "home.counts": "{owned} you own · {raised} you raised",
    "home.page": "page {page} of {pages}",
    "home.group.owner": "You own",
    "home.group.raiser": "You raised",
    "home.empty": "Nothing open. When you raise an escalation, or one is handed to you, it shows here.",
    "home.item.raised_by": "Raised by {raiser}",
    "home.item.owner": "Owner {owner}",
    "home.item.confidential": "🔒 confidential",
    "home.item.promised": "Reply promised to the client by {when}",
    "home.item.overdue": "⏰ *Overdue:* the client was promised a reply by {when}",
    "home.prev": "← Previous page",
    "home.next": "Next page →",
    "home.settings.header": "Your settings",
    "home.settings.language": "*Language*\nThe language I write to you in.",
    "home.language.auto": "Same as Slack",
    "home.language.ja": "日本語",
    "home.language.en": "English",
    "home.settings.hours": "*Working hours*\n{hours}, {tz} {note}\nReminders that can wait, and check-ins, reach you only then.",
    "home.tz.own": "(chosen here)",
    "home.tz.slack": "(from Slack)",
    "home.button.change": "Change",
    "home.settings.ooo": "*Out of office*\nPick your last day away: nothing that can wait reaches you until you're back.",
    "home.settings.ooo_until": "*Out of office until {day}*\nNothing that can wait reaches you until the working day after.",
    "home.ooo.placeholder": "Last day away",
    "home.button.back": "I'm back",
    "home.settings.toggles": "*Check-ins, peer support and the digest*",
    "home.toggle.checkins": "Check-ins after I raise an escalation",
    "home.toggle.checkins_hint": "A few kind DMs in your working hours; you can stop them any time.",
    "home.toggle.supporter": "I'll be a peer supporter",
    "home.toggle.supporter_hint": "Someone who asks for a peer may be put in a group DM with you.",
    "home.toggle.digest": "Weekly digest of my team's escalations",
    "home.toggle.digest_hint": "Counts and what is overdue for everyone below you in the chain.",
    "home.settings.private": "Check-in answers are yours alone: nobody else sees them, not even as totals.",
    "home.hours.title": "Working hours",
    "home.hours.start": "Start",
    "home.hours.end": "End",
    "home.hours.hint": "Leave start and end empty to use the workspace's hours ({default}).",
    "home.hours.days": "Working days",
    "home.hours.tz": "Time zone",
    "home.hours.tz_hint": "A name such as Asia/Tokyo. Leave it empty to follow Slack ({slack_tz}).",
    "home.hours.submit": "Save",
    "day.mon": "Mon",
    "day.tue": "Tue",
    "day.wed": "Wed",
    "day.thu": "Thu",
    "day.fri": "Fri",
    "day.sat": "Sat",
    "day.sun": "Sun",
    "days.every": "every day",
    "days.span": "{first}–{last}",
    "days.separator": ", ",
    "days.hours": "{start}–{end}",
    "days.week": "{hours} {days}",
    "days.weekly": "{day} {time}",
    "error.hours_order": "The end of the working day must come after its start.",
    "home.admin.header": "Configuration in force (admins)",
    "home.admin.none": "none",
    "home.admin.keep": "kept",
    "home.admin.days": "{days} days",
    "home.admin.channel": "Escalation channel",
    "home.admin.admins": "Admins",
    "home.admin.admin_channel": "Admin notices",
    "home.admin.desk": "Consultation desk",
    "home.admin.timeouts": "Acknowledgement timeouts",
    "home.admin.nudges": "Nudges before the chain",
    "home.admin.reminder": "Reminder before a promise",
    "home.admin.hours": "Default working time",
    "home.admin.holidays": "Public holidays",
    "home.admin.closed": "Closed dates",
    "home.admin.checkins": "Check-in plan",
    "home.admin.retention": "Resolved escalations' details",
    "home.admin.vent_retention": "Anonymous posts",
    "home.admin.digest": "Weekly digest",
    "home.admin.peer_channel": "Peer-support channel",
    "home.admin.peer_off": "off (set PEER_CHANNEL to turn on /vent)",
    "home.admin.vent_limit": "Anonymous posts per person",
    "home.admin.per_hour": "{count} per hour",
    "home.admin.weekly": "Weekly encouragement thread",
    "home.admin.moderators_admins": "{users} (the admins: MODERATORS is not set)",
    "home.admin.moderators": "Moderators",
    "home.admin.chain": "*Escalation chain* ({count} links)\n{lines}",
    "home.admin.chain_none": "*Escalation chain*\nNot set yet: `/escalate chain @person @manager`.",
    "home.admin.failed": "Last failed sends",
    "home.admin.failed_line": "{when} · `{kind}` · {number} · {error}",
    "home.admin.failed_none": "None: everything went out.",
    "help.care": "• `/escalate export 12` sends #12's full timeline to you as a CSV file (`/escalate export 12 json` for JSON), if you own it, raised it or are an admin; admins can export a date range: `/escalate export 2026-01-01..2026-03-31`.\n• `/escalate digest on` (managers) sends you a weekly digest of the escalations below you in the chain.\n• My Home tab shows your open escalations and your settings: language, working hours, out of office, check-ins.",
    "care.export.preparing": "I'm putting together {what} as {format}. It will arrive in our DM in a moment.",
    "care.export.ready": "Here is the export you asked for ({count} escalations). It may hold confidential details: please keep it where your compliance records belong.",
    "care.export.truncated": "Only the first {count} escalations fit in one export; please ask for a shorter range for the rest.",
    "care.export.failed": "I couldn't prepare the export you asked for. Please try again, and tell an admin if it keeps failing.",
    "error.export_format": "Please write it like `/escalate export 12` (or `#12`, and `json` at the end for JSON). Admins can also export a range: `/escalate export 2026-01-01..2026-03-31`.",
    "error.export_not_allowed": "Only the owner of #{number}, the person who raised it and admins can export it.",
    "error.export_range": "Please give a range of up to a year, the first day first, e.g. `2026-01-01..2026-03-31`.",
    "care.digest.title": "Weekly escalation digest, {first} to {last}",
    "care.digest.team": "For the {count} people below you in the escalation chain:",
    "care.digest.counts": "*{opened}* opened · *{acknowledged}* acknowledged · *{resolved}* resolved",
    "care.digest.median": "Median time to acknowledge: {wait}",
    "care.digest.median_none": "No acknowledgements this week.",
    "care.digest.overdue": "Replies promised to clients that are overdue",
    "care.digest.overdue_none": "Nothing overdue.",
    "care.digest.overdue_line": "{number} · owner {owner} · promised by {when}",
    "care.digest.overdue_hidden": "{number} · confidential · promised by {when}",
    "care.digest.peer": "Peer support across the workspace this week: {posts} posts, {replies} replies.",
    "care.digest.nobody_below": "Nobody is set below you in the escalation chain yet, so there is nothing to count. Admins set it with `/escalate chain @person @manager`.",
    "care.digest.footer": "You get this because you turned the weekly digest on. `/escalate digest off`, or the switch on my Home tab, turns it off.",
    "care.digest.on": "The weekly digest is on. It comes {when}, in your own time zone (on a day off, the next working morning).",
    "care.digest.off": "The weekly digest is off.",
    "error.digest_format": "Please write `/escalate digest on`, `/escalate digest off`, or `/escalate digest` to see whether it is on.",
}
