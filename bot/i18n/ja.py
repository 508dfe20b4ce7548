"""日本語カタログ。です・ます調で、責めない言い方に。「させていただく」「至急」「督促」は使いません。"""

from __future__ import annotations

EXAMPLE = "`/escalate @担当者 期限を過ぎた申請の件で、お客様が本日中の折り返しを希望されています`"

MESSAGES: dict[str, str] = {
    # --- errors -----------------------------------------------------------------------------
    "error.generic": "うまくいきませんでした。何も変更していません。もう一度お試しください。",
    "error.invalid_input": "この内容では受け付けられませんでした。確認してもう一度お試しください。",
    "error.not_allowed": "申し訳ありません、この操作はできません。",
    "error.not_found": "見つかりませんでした。",
    "error.conflict": "すでに行われている操作のため、何も変更していません。",
    "error.unexpected": (
        "申し訳ありません、こちら側で問題が起きました。送っていただいた内容は失われていません。"
        "少し待ってからもう一度お試しください。続くようでしたら、この参照番号を管理者に伝えてください: `{ref}`"
    ),
    "error.not_saved": "保存できませんでした。いまは記録できない状態のため、何も実行していません。1分ほどおいて、もう一度お試しください。",
    "error.slack_unavailable": "いま Slack に確認できませんでした。少し待ってからもう一度お試しください。",
    "error.owner_missing": "最初に判断する担当者を、続けて何があったかを書いてください。例:\n" + EXAMPLE,
    "error.owner_is_self": (
        "ご自身が指定されています。エスカレーションは判断する担当者に渡すものです。例:\n" + EXAMPLE
    ),
    "error.owner_unknown": (
        "このワークスペースで {user} さんが見つかりませんでした。メンバー一覧から選んでください。例:\n"
        + EXAMPLE
    ),
    "error.owner_is_bot": (
        "{user} はアプリで、人ではありません。判断する担当者を指定してください。例:\n" + EXAMPLE
    ),
    "error.owner_deactivated": (
        "{user} さんのアカウントは無効になっているため、対応できません。いま判断する担当者を指定してください。例:\n"
        + EXAMPLE
    ),
    "error.summary_missing": "名前のあとに、何があったかを書き添えてください。例:\n" + EXAMPLE,
    "error.summary_too_long": (
        "{length} 文字あります。保存できるのは {limit} 文字までです。短くするか、投稿後にスレッドで続きを書いてください。"
    ),
    "error.field_too_long": "{limit} 文字以内にしてください。",
    "error.escalate_rate_limited": (
        "この1時間で {limit} 件のエスカレーションを起こされたので、いまはここまでとし、今回の分は登録していません。"
        "{until} から次を起こせます。これまでに起こしたものはそのままです。"
    ),
    "error.owner_flooded": (
        "{owner} さんにはこの1時間で {limit} 件のエスカレーションが届いているため、今回の分は登録していません。"
        "待てない内容でしたら、緊急として起こし直してください（緊急のものは必ず届きます）。そうでなければ {until} から起こせます。"
    ),
    "error.update_rate_limited": (
        "この1時間で {limit} 回の更新を投稿されたので、いまはここまでとし、今回の更新は投稿していません。"
        "{until} から次を投稿できます。"
    ),
    "error.brought_in_rate_limited": (
        "この1時間で {limit} 回、人を加えられたので、いまはここまでとし、今回は誰も加えていません。"
        "{until} からまた加えられます。"
    ),
    "error.escalate_usage": "うまく読み取れませんでした。`/escalate` の使い方はこちらです:",
    "error.escalation_not_found": "エスカレーション #{number} が見つかりませんでした。",
    "error.escalation_unavailable": "そのエスカレーションは見つからないか、あなたが関わっているものではありません。",
    "error.only_owner_can_ack": "このエスカレーションを受け付けられるのは担当者の {owner} さんだけです。",
    "error.already_acknowledged": "#{number} はすでに {user} さんが受け付けています。変更はありません。",
    "error.already_resolved": "#{number} はすでに解決済みです。変更はありません。",
    "error.only_people_on_it": (
        "#{number} を変更できるのは、担当者・起票した方・管理者です。スレッドへの返信はどなたでもできます。"
    ),
    "error.not_on_escalation": "#{number} に参加していないため、ほかの方を加えることはできません。",
    "error.already_on_escalation": "選んだ方は全員すでにこのエスカレーションに参加しています。",
    "error.update_missing": "送信する前に、更新内容を書いてください。",
    "error.reassign_same_owner": "{user} さんはすでに担当者です。別の方を選んでください。",
    "error.promised_in_past": "その時刻はすでに過ぎています。お客様に約束した時刻を選んでください。",
    "error.admin_only": "この操作は管理者だけが行えます。",
    "error.trigger_expired": "Slack の受付時間を過ぎてしまいました。もう一度コマンドを実行してください。",
    # --- the card -----------------------------------------------------------------------------
    "card.header": "エスカレーション #{number}",
    "card.confidential_note": (
        "非公開: このエスカレーションに参加している人だけが見られます。起票したことで不利になることはありません。"
    ),
    "card.continued": "（続きはスレッドにあります）",
    "card.field.owner": "*担当者*\n{owner}",
    "card.field.raiser": "*起票した方*\n{raiser}",
    "card.field.severity": "*緊急度*\n{severity}",
    "card.field.kind": "*種類*\n{kind}",
    "card.field.client": "*お客様・案件*\n{client}",
    "card.field.promised": "*お客様へ約束した返答期限*\n{when}",
    "card.field.brought_in": "*ほかの参加者*\n{users}",
    "card.status.overdue": "⚠️ お客様へ約束した返答期限（{when}）を過ぎています。お客様がお待ちです。",
    "card.status.waiting": "⏳ {owner} さんの受付を待っています。",
    "card.status.acknowledged": "✅ {user} さんが受け付けました · {when}",
    "card.status.resolved": "✔️ {user} さんが解決済みにしました · {when}",
    "card.status.decision": "*決定事項:* {decision}",
    "card.source": "元のメッセージ: <{link}|開く>",
    "card.fallback": "エスカレーション #{number}（担当: {owner}）: {summary}",
    "button.acknowledge": "受け付ける",
    "button.post_update": "経過を投稿",
    "button.reassign": "担当を変更",
    "button.resolve": "解決にする",
    "button.bring_in": "人を加える",
    "button.open_thread": "スレッドを開く",
    "severity.low": "低",
    "severity.normal": "通常",
    "severity.urgent": "緊急",
    "kind.complaint": "苦情・ご不満",
    "kind.possible_harassment": "カスタマーハラスメントの可能性",
    "kind.own_mistake": "こちら側のミス",
    "kind.other": "その他",
    "kind.not_sure": "わからない",
    "status.open": "受付待ち",
    "status.acknowledged": "受付済み",
    "status.resolved": "解決済み",
    # --- thread lines ---------------------------------------------------------------------------
    "thread.fallback": "#{number}:",
    "thread.summary_rest": "何があったかの続きです:",
    "thread.acknowledged": "✅ {user} さんがこのエスカレーションを受け付けました。",
    "thread.acknowledged_by_reply": "✅ {user} さんがここに返信したので、受付済みにしました。",
    "thread.update": "📝 {user} さんからの経過報告:\n{text}",
    "thread.reassigned": "↪️ {user} さんが担当を {from} さんから {to} さんに変更しました。{to} さんの受付を待っています。",
    "thread.reason": "理由: {reason}",
    "thread.resolved": "✔️ {user} さんがこのエスカレーションを解決済みにしました。",
    "thread.brought_in": "👥 {user} さんが {users} さんを加えました。",
    # --- direct messages ------------------------------------------------------------------------
    "dm.owner.assigned": "{raiser} さんから、判断する担当者としてエスカレーション #{number} が届いています:",
    "dm.owner.reassigned": "{by} さんが #{number} の担当をあなたに変更しました（これまでの担当: {previous} さん）:",
    "dm.owner.client": "お客様・案件: {client}",
    "dm.owner.promised": "お客様には {when} までに返答すると伝えてあります。",
    "dm.owner.ask": "起票した方が安心できるよう、受付ボタンを押していただけますか。",
    "dm.owner.not_posted_yet": "スレッドはまだ投稿できていません。Slack に投稿できしだいお知らせします。",
    "dm.raiser_posted": (
        "エスカレーション #{number} を {channel} に投稿しました（<{link}|スレッドを開く>）。"
        "{owner} さんに受付をお願いしています。受け付けられたらお知らせします。"
    ),
    "dm.raiser_posted_confidential": (
        "非公開のエスカレーション #{number} を、参加者だけが見られる場所に投稿しました（<{link}|開く>）。"
        "{owner} さんに受付をお願いしています。起票したことで不利になることはありません。"
    ),
    "dm.raiser_delayed": (
        "エスカレーション #{number} は保存しましたが、まだ Slack に投稿できていません。"
        "内容は失われていません。投稿を続けて試み、投稿できしだいお知らせします。"
    ),
    "dm.raiser_acknowledged": "{user} さんがエスカレーション #{number} を受け付けました。<{link}|スレッドを開く>",
    "dm.raiser_resolved": "{user} さんがエスカレーション #{number} を解決済みにしました。<{link}|スレッドを開く>",
    # --- admin notices ----------------------------------------------------------------------------
    "admin.cannot_post": (
        "エスカレーション #{number} を {channel} に投稿できません（Slack の応答: `{reason}`）。"
        "内容は保存してあり、投稿を続けて試みています。"
    ),
    "admin.private_space": "非公開の場所",
    "admin.hint.invite": "解決するには、そのチャンネルにアプリを招待してください（チャンネルで `/invite @itabasami`）。",
    "admin.hint.missing": (
        "解決するには、非公開チャンネルならアプリを招待してください（チャンネルで `/invite @itabasami`）。"
        "そうでなければ ESCALATION_CHANNEL に存在するチャンネルの ID を設定し、再起動してください。"
    ),
    "admin.hint.archived": "解決するには、チャンネルのアーカイブを解除するか、ESCALATION_CHANNEL を別のチャンネルにしてください。",
    "admin.hint.generic": "続くようでしたら、アプリの権限とチャンネルの設定を確認してください。",
    "admin.send_failed": (
        "何度か試しましたが、メッセージを届けられませんでした（種類 `{kind}`、エスカレーション {number}）。"
        "Slack の応答: `{reason}`"
    ),
    # --- /escalate list and help ----------------------------------------------------------------
    "list.empty": "担当または起票した未解決のエスカレーションはありません。",
    "list.mine": "あなたの未解決のエスカレーション（{count} 件）",
    "list.all": "未解決のエスカレーションすべて（{count} 件）",
    "list.more": "ほかに {count} 件あります。",
    "list.line": "{mark} *{link}* · {severity} · {status}\n担当 {owner} · 起票 {raiser}\n{summary}",
    "list.confidential_line": "🔒 *#{number}* · 非公開（{when} 起票）。内容は参加者だけが見られます。",
    "help.escalate": (
        "*お客様の問題を、判断する担当者に渡します*\n"
        "• `/escalate` でフォームが開きます: 担当者、お客様、何があったか、種類、緊急度、お客様に約束した返答期限、非公開の指定。\n"
        "• `/escalate @担当者 何があったか` ですぐに起票できます。\n"
        "• `/escalate list` で未解決のエスカレーションを表示します。\n"
        "• `/escalate away 2026-12-01..2026-12-05 @代理の方` で不在中の代理を指定できます。"
        "`/escalate hours 09:00-18:00 mon-fri` で急ぎでないリマインダーが届く時間を設定できます。"
        "`/escalate chain @本人` で上位者を確認できます（管理者は `/escalate chain @本人 @上位者` で設定します）。\n"
        "• お客様からのメッセージの「その他のアクション → Escalate this message」からも起票できます。\n"
        "担当者はスレッドで名前を呼ばれ、ボタンひとつで受け付けます。受け付けられたらお知らせします。"
    ),
    "help.desk": "相談窓口: {desk}。非公開のものも含め、どのエスカレーションにも加えられます。",
    # --- slash command replies ------------------------------------------------------------------
    "reply.created": "エスカレーション #{number} を保存しました。いま投稿して、{owner} さんに受付をお願いします。",
    "reply.created_confidential": (
        "非公開のエスカレーション #{number} を保存しました。あなたと {owner} さんだけの場所を用意しています。"
    ),
    # --- modals ---------------------------------------------------------------------------------
    "modal.cancel": "キャンセル",
    "modal.choose_person": "人を選ぶ",
    "modal.new.title": "エスカレーション",
    "modal.new.submit": "起票する",
    "modal.new.intro": "判断する担当者に渡します。担当者はスレッドで名前を呼ばれ、受付をお願いされます。",
    "modal.new.owner": "判断する担当者は誰ですか？",
    "modal.new.owner_hint": "責任を持つ弁護士・マネージャー・課長など。ご自身以外を選んでください。",
    "modal.new.client": "お客様・案件",
    "modal.new.summary": "何があり、何を決めてほしいですか？",
    "modal.new.summary_placeholder": "お客様のお話、ご要望、決めてほしいこと。",
    "modal.new.kind": "どのような状況ですか？",
    "modal.new.kind_hint": "あなたの印象で構いません。誰かを判定するものではありません。「わからない」でも大丈夫です。",
    "modal.new.severity": "緊急度",
    "modal.new.promised": "お客様へ約束した返答期限",
    "modal.new.promised_hint": "任意です。参加者それぞれのタイムゾーンで表示されます。",
    "modal.new.options": "オプション",
    "modal.new.confidential": "非公開にする",
    "modal.new.confidential_hint": "共有チャンネルには出さず、参加者だけが見られます。",
    "modal.new.include_desk": "相談窓口を加える",
    "modal.new.include_desk_hint": "社内の相談窓口の担当者がこのエスカレーションに加わります。",
    "modal.hr.intro": (
        "よろしければ、記憶が新しいうちに事実を書き留めてください: いつ、どこで、何を言われたり求められたりしたか、"
        "誰から、誰が見聞きしていたか。すべて任意です。"
    ),
    "modal.hr.when": "いつのことですか？",
    "modal.hr.where": "どこで（電話、メール、現場など）？",
    "modal.hr.what": "何を言われたり、求められたりしましたか？",
    "modal.hr.by_whom": "誰から？",
    "modal.hr.witnesses": "見聞きしていた人は？",
    "modal.update.title": "経過を投稿",
    "modal.update.submit": "投稿する",
    "modal.update.label": "#{number} の経過",
    "modal.update.hint": "エスカレーションのスレッドに投稿され、参加者全員が読めます。",
    "modal.reassign.title": "担当を変更",
    "modal.reassign.submit": "変更する",
    "modal.reassign.label": "#{number} の新しい担当者",
    "modal.reassign.reason": "理由（任意）",
    "modal.resolve.title": "解決にする",
    "modal.resolve.submit": "解決にする",
    "modal.resolve.intro": "#{number} を解決済みにすると、リマインダーも止まります。",
    "modal.resolve.label": "何が決まりましたか？",
    "modal.resolve.hint": "エスカレーションの記録に残り、スレッドにも表示されます。",
    "modal.bring_in.title": "人を加える",
    "modal.bring_in.submit": "加える",
    "modal.bring_in.label": "#{number} に加える人",
    "modal.bring_in.hint": "スレッドで名前を呼びます。非公開のエスカレーションでは、その場所にも招待します。",
    # --- later: nudges, chain, reminders, leave and working hours --------------------------------
    "card.field.standin": "*代理*\n{owner} さんの代わり（不在中）",
    "card.field.chain": "*上位者へ*\n{users}",
    "card.field.cadence": "*お客様への経過連絡*\n{every}ごと",
    "thread.chain": "⬆️ {since}受付がないため、エスカレーションのチェーンで {below} さんの上位者である {manager} さんにお願いします。どちらが受け付けても構いません。",
    "thread.overdue": "⏰ お客様に {promised} までにお返事するとお伝えした時刻になりました。{owner} さん、お客様へのご連絡か、ここへの経過投稿をお願いできますか。",
    "nudge.standin": "不在中の {owner} さんの代理としてお送りしています。",
    "nudge.first": "{raiser} さんからのエスカレーション #{number} が、まだ受付を待っています（起票から{since}）:",
    "nudge.again": "【再送】行き違いでしたらご容赦ください。{raiser} さんからのエスカレーション #{number} が{since}受付を待っています:",
    "nudge.ask": "受け付けていただくか、ご自身の判断事項でなければ担当を変更していただけますか。",
    "chain.dm": "{raiser} さんが起票したエスカレーション #{number} に、{below} さんから{since}受付がありません。エスカレーションのチェーンで次の方としてお送りしています。受け付けていただくか、どなたかが対応するようにしていただけますか。",
    "reminder.first": "エスカレーション #{number}: お客様には {when} までにお返事するとお伝えしています（あと{left}）。お返事をお願いします。遅れそうなときは、スレッドに経過を投稿してください。",
    "reminder.again": "【再送】エスカレーション #{number}: お客様へのお返事の期限は {when} です（あと{left}）。すでにお返事済みでしたら、行き違いですのでご容赦ください。",
    "cadence.dm": "エスカレーション #{number}: お客様への経過連絡が{since}ありません（{every}ごとにご連絡する約束です）。ご連絡したら、参加者にも伝わるよう経過を投稿してください。",
    "snooze.done": "💤 スヌーズしました。{when} にもう一度お知らせします。",
    "button.snooze_30m": "30分後",
    "button.snooze_1h": "1時間後",
    "button.snooze_2h": "2時間後",
    "button.snooze_morning": "明日の朝",
    "admin.chain_top": "エスカレーション #{number} に{since}受付がなく、エスカレーションのチェーンで {top} さんより上の方が設定されていません。どなたか確認していただけますか。チェーンの設定: `/escalate chain @本人 @上位者`",
    "error.hours_overnight": "勤務時間は同じ日のうちに始まって終わる形で設定してください。`{hours}` のように日をまたぐ時間帯はまだ使えません。`/escalate hours 09:00-18:00` のように指定するか、`default` でワークスペースの勤務時間に戻せます。",
    "error.hours_format": "勤務時間は `/escalate hours 09:00-18:00 mon-fri` のように書いてください（曜日は省略できます）。",
    "error.away_format": "`/escalate away 2026-12-01..2026-12-05 @代理の方` のように書いてください。終えるときは `/escalate away off` です。",
    "error.away_dates_order": "最初の日は最後の日より前にしてください。例: `2026-12-01..2026-12-05`",
    "error.away_in_past": "その日付はすでに過ぎています。今日以降の日付にしてください。",
    "error.away_self": "ご自身を代理にはできません。同僚の方を指定してください。",
    "error.chain_format": "`/escalate chain @本人 @上位者` のように書いてください。確認は `/escalate chain @本人`、削除は `/escalate chain @本人 none` です。",
    "error.chain_self": "チェーンで本人を本人の上位者にはできません。",
    "error.chain_loop": "循環してしまいます: {user} さんはすでにチェーンで {manager} さんより上にいます。",
    "chain.saved": "保存しました。{person} さんからのエスカレーションのチェーン: {chain}",
    "chain.removed": "{person} さんの上位者の設定を削除しました。",
    "chain.none": "{person} さんより上の方は設定されていません。エスカレーションに受付がない場合は管理者に知らせます。",
    "chain.show": "{person} さんからのエスカレーションのチェーン: {chain}。最上位の次は管理者に知らせます。",
    "away.saved": "承知しました。{first} から {last} まで、あなた宛ての新しいエスカレーションとリマインダーは {standin} さんに届き、カードには代理であることが表示されます。早めに終えるときは `/escalate away off` です。",
    "away.cleared": "おかえりなさい。エスカレーションとリマインダーがまたあなたに届きます。",
    "away.none": "不在の設定はありません。設定するには: `/escalate away 2026-12-01..2026-12-05 @代理の方`",
    "away.show": "不在の予定: {periods}。終えるときは `/escalate away off` です。",
    "away.period": "{first} から {last}（代理 {standin} さん）",
    "hours.saved": "保存しました。急ぎでないリマインダーは、あなたのタイムゾーン（{tz}）で {hours} に届きます。",
    "hours.cleared": "ワークスペースの勤務時間に戻しました: {hours}",
    "hours.show": "急ぎでないリマインダーは、あなたのタイムゾーン（{tz}）で {hours} に届きます。変更は `/escalate hours 08:30-17:30 mon-fri`、元に戻すには `/escalate hours default` です。",
    "modal.new.cadence": "お客様への経過連絡のリマインダー",
    "modal.new.cadence_hint": "任意です。「経過を投稿」がこの間ないと、担当者とあなたにリマインダーが届きます。",
    "modal.update.cadence": "お客様への経過連絡のリマインダー",
    "cadence.none": "リマインダーなし",
    # --- ピアサポート（/vent） -------------------------------------------------------------------
    "error.vent_off": "このワークスペースでは、まだピアサポートが設定されていません。管理者が PEER_CHANNEL を設定すると使えるようになります。",
    "error.vent_empty": "先に内容を書いてください。名前を出さずに投稿します。",
    "error.vent_too_long": "{length} 文字あります。匿名の投稿は {limit} 文字までです。短くしてください。",
    "error.encourage_not_yours": (
        "同僚への励ましのお願いは、エスカレーションを起こしたご本人だけが、投稿をお知らせしたメッセージから"
        "できます。ご本人の場合はそちらのボタンをお使いください。ご自身でお願いしたのにこの表示が出る場合は、"
        "そのエスカレーションはもうないのかもしれません。"
    ),
    "error.encourage_rate_limited": (
        "この1時間で {limit} 回、同僚に励ましをお願いされたので、いまはここまでです。{until} からまたお願いできます。"
    ),
    "error.vent_rate_limited": (
        "この1時間で {limit} 回投稿されたので、いまはここまでです。{until} からまた投稿できます。"
    ),
    "error.vent_paused": (
        "いまは匿名で投稿できません。以前の匿名メッセージの投稿者について、モデレーターが {until} まで投稿を一時停止しました。"
        "モデレーターはあなたが誰かを知りませんし、このお知らせが届いたことも誰にも伝わりません。"
        "会社として対応が必要なことは、`/escalate` で担当者に届けられます（非公開にもできます）。"
    ),
    "error.vent_not_found": "その匿名メッセージが見つかりませんでした。削除されたのかもしれません。",
    "error.vent_not_author": "この操作ができるのは、投稿した本人だけです。",
    "error.vent_not_reply_author": "この返信を削除できるのは、書いた本人だけです。",
    "error.vent_gone": "その匿名メッセージはすでに削除されています。変更はありません。",
    "error.vent_post_gone": "この投稿は取り下げられたため、返信はできなくなっています。",
    "error.vent_not_posted_yet": "この投稿はまだ表示されていません。少し待ってからもう一度お試しください。",
    "error.vent_not_anonymous": (
        "これは匿名の投稿ではないため、報告するものがありません。同僚のメッセージで気になることがあれば、"
        "モデレーターに相談するか、`/escalate` を使ってください。"
    ),
    "error.vent_already_reported": "この投稿はすでに報告済みです。モデレーターに届いています。",
    "error.vent_already_hidden": "すでに非表示になっています。変更はありません。",
    "error.vent_key_changed": (
        "この投稿はボットの匿名用の鍵（ANON_SECRET）が変わる前に書かれたため、投稿者をもう見分けられず、"
        "一時停止できません。非表示にすることはできます。"
    ),
    "error.vent_cannot_pause": "これはボット自身の文面なので、一時停止する投稿者がいません。",
    "error.vent_moderators_only": "この操作はモデレーターだけが行えます。",
    "vent.post.byline": "🫧 *匿名の同僚*",
    "vent.post.footer": (
        "スレッドにご自身の名前で返信するか、「匿名で返信」ボタンを使ってください。誰が書いたかは、管理者も含めて誰にも見えません。"
    ),
    "vent.post.fallback": "匿名の同僚: {text}",
    "vent.button.reply": "匿名で返信",
    "vent.menu.report": "モデレーターに報告",
    "vent.menu.delete_post": "自分の投稿を削除",
    "vent.menu.delete_reply": "自分の返信を削除",
    "vent.reply.op": "投稿者（OP）",
    "vent.reply.anon": "匿名 {number}",
    "vent.reply.fallback": "{name}: {text}",
    "vent.encourage.post": (
        "🌱 今日、難しいお客様対応をしている同僚がいます。少しお時間があれば、このスレッドにひとこと励ましを書いてもらえると心強いです。"
        "返信は本人にだけ届き、本人の名前は出ません。"
    ),
    "vent.encourage.fallback": "今日、励ましのことばを待っている同僚がいます。",
    "vent.weekly.post": (
        "🌟 *今週のありがとうと小さな成果*\n今週、助けてくれた同僚はいましたか？ 名前を挙げてお礼を伝えたり、うまくいったことを共有したりしてください。"
        "ご自身の名前でも、ボタンから匿名でも返信できます。"
    ),
    "vent.weekly.fallback": "今週のありがとうと小さな成果",
    "vent.who_sees": (
        "*誰に何が見えるか*\n"
        "• {channel} の同僚には、「匿名の同僚」としてあなたの文章だけが表示されます。名前も写真も出ません。\n"
        "• あなたが書いたことは、同僚にも、モデレーターにも、管理者にも見えません。\n"
        "• モデレーターは、誰が書いたかを知らないまま、投稿を取り下げたり投稿者を一時停止したりできます。"
    ),
    "vent.not_desk": (
        "これは同僚どうしのピアサポートで、社内の相談窓口ではありません。会社として対応が必要なこと"
        "（お客様の言動、ハラスメント、直すべきミスなど）は、`/escalate` で担当者に届けられ、非公開にもできます。"
    ),
    "vent.receipt.posted": "{channel} に匿名で投稿しました。あなたが書いたことは、管理者も含めて誰にも見えません。",
    "vent.receipt.delayed": (
        "保存しました。30分以内のランダムな時刻に {channel} へ匿名で投稿します。時刻からあなただとわからないようにするためです。"
        "あなたが書いたことは、管理者も含めて誰にも見えません。"
    ),
    "vent.receipt.notify_on": "{until} まで、返信があるとボットから個別にお知らせします。あなただけに届きます。",
    "vent.receipt.deleted": "投稿を削除しました。匿名の返信も一緒に削除しています。",
    "vent.saving": "受け付けました。いま投稿しています。この画面は閉じてもかまいません。開いたままなら、ここに控えが表示されます。",
    "vent.receipt.fallback": "あなたの匿名投稿",
    "vent.button.notify": "返信があったら知らせる",
    "vent.button.delete": "自分の投稿を削除",
    "vent.confirm.delete.title": "投稿を削除しますか？",
    "vent.confirm.delete.text": "チャンネルから消え、匿名の返信も一緒に削除されます。元には戻せません。",
    "vent.confirm.delete.yes": "削除する",
    "vent.confirm.delete.no": "残す",
    "vent.crisis.intro": (
        "いま、とてもつらい状況なのかもしれません。ひとりで抱えなくて大丈夫です。"
        "誰かと話したくなったときは、こちらの窓口がいつでも話を聞いてくれます。使うかどうかはあなたが決めてください:"
    ),
    "vent.crisis.line": "• *{name}*: {contact}（{hours}）",
    "vent.crisis.footer": "これはあなたにだけ表示されています。誰にも知らせていませんし、投稿は匿名のままです。",
    "crisis.yorisoi.name": "よりそいホットライン",
    "crisis.yorisoi.contact": "0120-279-338（無料。岩手・宮城・福島からは 0120-279-226）",
    "crisis.yorisoi.hours": "24時間・年中無休",
    "crisis.inochi.name": "いのちの電話（フリーダイヤル）",
    "crisis.inochi.contact": "0120-783-556",
    "crisis.inochi.hours": "毎日16時〜21時、毎月10日は24時間",
    "crisis.emergency_jp.name": "緊急のとき",
    "crisis.emergency_jp.contact": "救急車は119、警察は110",
    "crisis.emergency_jp.hours": "24時間",
    "crisis.lifeline_988.name": "988 Suicide & Crisis Lifeline（米国）",
    "crisis.lifeline_988.contact": "988 に電話またはSMS、または https://988lifeline.org でチャット（英語など）",
    "crisis.lifeline_988.hours": "24時間",
    "crisis.crisis_text_line.name": "Crisis Text Line（米国）",
    "crisis.crisis_text_line.contact": "741741 に「HOME」とSMSで送信（英語）",
    "crisis.crisis_text_line.hours": "24時間",
    "crisis.emergency_us.name": "米国での緊急のとき",
    "crisis.emergency_us.contact": "911 に電話",
    "crisis.emergency_us.hours": "24時間",
    "vent.relay.link": "💬 {channel} のあなたの匿名投稿に返信がありました。",
    "vent.relay.find": (
        "ご自分の書いた言葉を手がかりに、チャンネルで探してください。このメッセージには投稿へのリンクを"
        "入れていないため、後からあなたの投稿と結びつくことはありません。"
    ),
    "vent.relay.footer": "このお知らせはあなたにだけ届いています。お知らせを希望したことは誰にも見えません。",
    "vent.relay.person": "💬 {user} さんから、励ましの呼びかけに返信がありました:",
    "vent.relay.anonymous": "💬 *{name}* さんから、励ましの呼びかけに返信がありました:",
    "vent.encourage.asked": (
        "30分以内に {channel} で同僚に呼びかけます。名前・お客様・詳細は出しません"
        "（時刻はランダムなので、エスカレーションと結びつきません）。返信はここに個別に届きます。"
    ),
    "vent.encourage.already": "この件ではすでに呼びかけています。同僚からの返信はここに個別に届きます。",
    "dm.offer_encouragement": (
        "大変な件ですね。よろしければ、{channel} の同僚に励ましのことばをお願いできます。"
        "あなたの名前やお客様、詳細は出しません。返信はここに個別に届きます。"
    ),
    "button.ask_encouragement": "同僚に励ましをお願いする",
    "help.vent": (
        "*匿名のピアサポート*\n"
        "• `/vent` でフォームが開きます。プレビューと、2つのオプション（返信があったら個別に知らせる〈{days} 日間〉、"
        "ランダムな時刻に投稿する）があります。\n"
        "• `/vent 話したいこと` で、{channel} にすぐ投稿します。\n"
        "• 同僚はスレッドに自分の名前で、または「匿名で返信」で返信できます。スレッドごとに、投稿者は「投稿者（OP）」、"
        "ほかの人は「匿名 1」「匿名 2」…と表示されます。\n"
        "• 匿名メッセージの「…」メニューから、誰でも報告でき、書いた本人は削除できます。"
    ),
    "vent.admin.cannot_post": (
        "ピアサポートのチャンネル {channel} に投稿できません（Slack の応答: `{reason}`）。匿名の投稿は保存してあり、"
        "投稿できるようになりしだい送ります。解決するには、そのチャンネルにアプリを招待する（`/invite @itabasami`）か、"
        "PEER_CHANNEL を確認してください。"
    ),
    "vent.admin.relay_failed": (
        "匿名投稿の投稿者へのお知らせを届けられませんでした。"
        "宛先は記録していないため、誰宛てだったかはお伝えできません。このお知らせは取りやめました。"
    ),
    "vent.admin.send_failed": (
        "何度か試しましたが、ピアサポートのメッセージを届けられませんでした（種類 `{kind}`）。Slack の応答: `{reason}`"
    ),
    "mod.notice.post": "🚩 {channel} の匿名投稿が報告されました。",
    "mod.notice.reply": "🚩 {channel} の匿名の返信が報告されました。",
    "mod.notice.count": "{count} 人から報告されています。",
    "mod.notice.reasons": "報告した方のコメント:",
    "mod.notice.explain": (
        "非表示にする（ボットが削除します。投稿の場合は匿名の返信も一緒に削除します）か、投稿者の匿名投稿を一定期間止められます。"
        "誰が書いたかは、あなたも含めて誰にも見えません。報告した方の名前も伝えません。"
    ),
    "mod.button.open": "開く",
    "mod.button.hide": "非表示にする",
    "mod.button.mute": "投稿者を一時停止…",
    "mod.button.keep": "そのままにする",
    "mod.confirm.hide.title": "非表示にしますか？",
    "mod.confirm.hide.text": "チャンネルから削除します（投稿の場合は匿名の返信も一緒に削除します）。元には戻せません。",
    "mod.confirm.hide.yes": "非表示にする",
    "mod.confirm.hide.no": "キャンセル",
    "mod.status.hidden": "🙈 {user} さんが非表示にしました。",
    "mod.status.muted": "⏸️ {user} さんが投稿者を {until} まで一時停止しました。",
    "mod.status.kept": "👍 {user} さんがそのままにすると判断しました。",
    "mod.status.removed": "その後、投稿者本人が削除しました。",
    "mute.for_1": "1日",
    "mute.for_7": "7日",
    "mute.for_30": "30日",
    "modal.close": "閉じる",
    "modal.vent.title": "匿名で投稿",
    "modal.vent.submit": "匿名で投稿する",
    "modal.vent.label": "いま、どんなことを抱えていますか？",
    "modal.vent.placeholder": "わかってくれる同僚に話すつもりで書いてください。",
    "modal.vent.preview_label": "プレビュー: {channel} の同僚にはこう見えます",
    "modal.vent.preview_empty": "_ここに、「匿名の同僚」としてあなたの文章が表示されます。_",
    "modal.vent.options": "オプション",
    "modal.vent.notify": "返信があったら個別に知らせる",
    "modal.vent.notify_hint": "{days} 日間、ボットからお知らせします。ほかの人には見えません。",
    "modal.vent.delay": "ランダムな時刻に投稿する",
    "modal.vent.delay_hint": "5〜30分後に投稿し、時刻からあなただとわからないようにします。",
    "modal.reply.title": "匿名で返信",
    "modal.reply.submit": "返信する",
    "modal.reply.label": "返信",
    "modal.reply.intro": (
        "返信は、このスレッドの中だけで同じ名前で表示されます。あなたの投稿なら「投稿者（OP）」、"
        "そうでなければ「匿名」と番号です。あなたが書いたことは誰にも見えません。"
    ),
    "modal.reply.done": "*{name}* として、スレッドに返信を送っています。",
    "modal.report.title": "モデレーターに報告",
    "modal.report.submit": "報告する",
    "modal.report.intro": (
        "この匿名メッセージへのリンクをモデレーターに送ります。モデレーターは誰が書いたかを知らないまま、"
        "取り下げたり投稿者を一時停止したりできます。報告したのが誰かも伝えません。"
    ),
    "modal.report.reason": "気になった点（任意）",
    "modal.report.done": "ありがとうございます。モデレーターに伝えました。",
    "modal.delete.title": "投稿を削除",
    "modal.delete.text": "{channel} からあなたの投稿が消え、匿名の返信も一緒に削除されます。名前つきの返信は残ります。",
    "modal.delete_reply.title": "返信を削除",
    "modal.delete_reply.text": "{channel} のスレッドから、あなたの匿名の返信が消えます。",
    "modal.delete.submit": "削除する",
    "modal.delete.keep": "残す",
    "modal.delete.done": "削除しました。",
    "modal.mute.title": "投稿者を一時停止",
    "modal.mute.submit": "一時停止する",
    "modal.mute.intro": (
        "選んだ期間、投稿者は匿名で投稿・返信ができなくなります。あなたを含め、誰にも投稿者が誰かはわかりません。"
        "投稿しようとした本人には理由が表示されます。"
    ),
    "modal.mute.label": "期間",
    # =============================================================================================
    # --- care (issue 5): check-ins, review, thanks, App Home, export, retention, digest ---------
    # =============================================================================================
    "care.checkin.raised": "itabasami です。数時間前に #{number} を判断する担当の方に引き継ぎましたね。ご自身が決められないことでお客様の不満を受け止めるのは、誰にとっても消耗することです。いかがお過ごしですか。",
    "care.checkin.morning": "おはようございます。#{number} のことがまだ気にかかっているかもしれませんし、そうでないかもしれません。今日のご気分はいかがですか。",
    "care.checkin.resolved": "#{number} は解決しました。振り返ってみて、いまのお気持ちはいかがですか。",
    "care.checkin.meeting": "#{number} の打ち合わせはそろそろ終わった頃でしょうか。終えてみて、いかがですか。",
    "care.checkin.rough": "前回のお返事が気になり、もう一度うかがっています。いまはいかがですか。",
    "care.checkin.snooze": "お約束どおり、#{number} のことでもう一度うかがいます。今日はいかがですか。",
    "care.checkin.later": "#{number} のことで、様子をうかがいに来ました。このところいかがお過ごしですか。",
    "care.checkin.reminder": "#{number} についての先日のメッセージが埋もれていたらと思い、もう一度お送りします。お返事は不要です。様子を伝えたくなったら、下のボタンをお使いください。",
    "care.checkin.private": "答えなくても大丈夫です。ここで選んだことはあなたと私だけのもので、担当者・上長・管理者が見ることはありません。",
    "care.mood.1": "😣 つらい",
    "care.mood.2": "😕 あまりよくない",
    "care.mood.3": "😐 ふつう",
    "care.mood.4": "🙂 まあまあ",
    "care.mood.5": "😊 元気",
    "care.button.vent": "匿名で投稿する",
    "care.button.peer": "ピアサポーターと話す",
    "care.button.desk": "相談窓口に連絡する",
    "care.button.snooze": "明日また聞いて",
    "care.button.stop": "#{number} はもう結構です",
    "care.button.stop_all": "声かけをすべて止める",
    "care.button.listen": "ただ聞いてほしい",
    "care.button.think": "一緒に整理したい",
    "care.button.help": "いま助けがほしい",
    "care.thanks.1": "教えてくださってありがとうございます。とてもつらかったですね。抱えてきたことを思えば、無理もありません。",
    "care.thanks.2": "教えてくださってありがとうございます。こうしたことのあとで気持ちが沈むのは自然なことです。",
    "care.thanks.3": "教えてくださってありがとうございます。",
    "care.thanks.4": "ありがとうございます。それを聞いて安心しました。",
    "care.thanks.5": "ありがとうございます。それを聞いて安心しました。",
    "care.support.ask": "もし支えがほしいときは、どんな形がよいですか。ご希望があるときだけで大丈夫です。",
    "care.support.streak": "ここ数回、つらいお返事が続いていますね。同じ立場を経験した同僚と話してみるのはいかがですか。ご希望のときだけで大丈夫です。次の声かけも少し早めにします。",
    "care.support.listen": "お話をうかがいます。解決しようとしたり、説明したりしなくて大丈夫です。言葉にしたくなったら、同じ経験をした同僚が匿名の投稿を読んでくれます。これからの声かけは短くします。",
    "care.support.think": "一緒に整理してみましょう。役に立つことがある問いをいくつか置いておきます（私への返事は不要です）:\n• どこまでがご自身の判断で、どこからが担当者の判断でしたか。\n• 少しでもお客様の助けになったことは何でしたか。\n• 同じことで同僚が相談してきたら、何と声をかけますか。\n誰かと話すほうがよければ、ピアサポーターが聞いてくれます。",
    "care.support.help": "いま力になれる人はこちらです。どちらか、またはどちらも選ばなくて大丈夫です:",
    "care.support.help_no_desk": "ピアサポーターがいまお話を聞けます。相談窓口は itabasami に登録されていないため、上長または人事に連絡先をお尋ねください。",
    "care.snoozed": "わかりました。明日またうかがいます。",
    "care.stopped": "承知しました。#{number} についての声かけはこれで終わりにします。声かけの設定はホームタブからいつでも変えられます。",
    "care.stopped_all": "承知しました。声かけを止めました。また必要になったら、ホームタブからオンにできます。",
    "care.peer.connected": "話を聞きたいと申し出てくれた同僚の {supporter} さんとのグループ DM を開きました。あなたの様子については何も伝えていません。何を話すかはあなたが決めてください。",
    "care.peer.none": "申し訳ありません、まだピアサポーターを申し出た方がいません。匿名で同僚に投稿することや、相談窓口があれば窓口に連絡することもできます。",
    "care.desk.connected": "相談窓口（{desk}）とのグループ DM を開きました。あなたの様子については何も伝えていません。何を話すかはあなたが決めてください。",
    "care.desk.none": "相談窓口は itabasami に登録されていません。上長または人事に連絡先をお尋ねください。",
    "care.connect.peer_intro": "{person} さんがピアサポーターと話したいとのことで、{supporter} さんが聞き役を申し出てくださっています。ありがとうございます。私からもほかの誰からも、これ以上のことは伝えていません。ここからはお二人でどうぞ。",
    "care.connect.desk_intro": "{person} さんが相談窓口と話したいとのことです。{desk} さん、都合のよいときにご連絡いただけますか。ほかのことは何も伝えていません。",
    "care.vent.unavailable": "このワークスペースでは、匿名の投稿はまだ使えません。誰かと話したいときは、ピアサポーターや相談窓口が力になります。",
    "care.meeting.offer": "{raiser} さん、この件で打ち合わせの予定があれば、終わった直後に私から個別にお声がけできます。",
    "care.meeting.button": "打ち合わせのあとに声をかけて",
    "care.meeting.title": "打ち合わせのあとに",
    "care.meeting.label": "打ち合わせは何時に終わりますか",
    "care.meeting.hint": "その時刻に、短いメッセージを個別にお送りします（勤務時間外でも送りますが、おやすみモード中は控えます）。",
    "care.meeting.submit": "予定する",
    "care.meeting.saved": "打ち合わせのあと、{when} にお声がけします。",
    "error.meeting_raiser_only": "この声かけを頼めるのは、#{number} を起票した方だけです。",
    "error.meeting_time": "60 日以内の時刻を選んでください。",
    "care.review.invite": "#{number} は解決しました。数分あるときに、短い振り返りを書いていただけますか。誰のせいかではなく、何を学び、何を変えるかのための振り返りです。エスカレーションの記録に残り、スレッドに載せるのはご希望のときだけです。",
    "care.review.button": "振り返りを書く",
    "care.review.title": "責めない振り返り",
    "care.review.intro": "責めるためではなく、学ぶために書きます。誰が何を間違えたかではなく、どのように進めたかを書いてください。どの質問も任意です。",
    "care.review.client": "お客様はどんな経験をされましたか",
    "care.review.we_did": "私たちは何をしましたか",
    "care.review.where": "行き違いや誤りはどこで生じましたか",
    "care.review.where_hint": "人ではなく、手順・引き継ぎ・手元の情報のどこで生じたかを書いてください。",
    "care.review.change": "次回は何を変えますか",
    "care.review.who": "知らせておくべき人は誰ですか",
    "care.review.share": "共有",
    "care.review.share_thread": "この振り返りをエスカレーションのスレッドに載せる",
    "care.review.share_people": "上で選んだ方に送る",
    "care.review.submit": "保存",
    "care.review.saved": "ありがとうございます。振り返りを #{number} の記録に残しました。",
    "care.review.not_sent": "{users} さんには送っていません。この非公開のエスカレーションに参加していないためです。",
    "care.review.heading": "📝 #{number} の振り返り（{author} さん）",
    "care.review.for_you": "{author} さんが、知らせておくべき方として #{number} の振り返りをあなたに共有しました。",
    "care.review.field_client": "*お客様の経験:* {text}",
    "care.review.field_we_did": "*私たちがしたこと:* {text}",
    "care.review.field_where": "*行き違いが生じたところ:* {text}",
    "care.review.field_change": "*次回変えること:* {text}",
    "care.review.field_who": "*知らせておくべき人:* {users}",
    "error.review_empty": "少なくとも一つの質問に答えてください。",
    "error.review_not_allowed": "#{number} の振り返りは、担当者と起票した方のためのものです。",
    "care.thank.prompt": "#{number} は解決しました。対応中、お客様の前に立っていたのは {raiser} さんです。お礼を伝えませんか。そのまま送っても、書き換えてもよい一文を用意しました:",
    "care.thank.line": "#{number} でお客様に落ち着いて対応し、すぐに知らせてくださってありがとうございました。本当に助かりました。",
    "care.thank.button": "お礼を送る",
    "care.thank.title": "お礼を伝える",
    "care.thank.label": "メッセージ",
    "care.thank.where": "送り先",
    "care.thank.where_thread": "スレッド（参加者全員が見られます）",
    "care.thank.where_dm": "DM で個別に",
    "care.thank.submit": "送る",
    "care.thank.sent": "送りました。お時間をとっていただきありがとうございます。",
    "care.thank.thread": "💐 {owner} さんから {raiser} さんへ: {text}",
    "care.thank.dm": "💐 #{number} について {owner} さんからメッセージです:\n{text}",
    "error.thanks_empty": "送る前に一文を書いてください。",
    "error.thanks_owner_only": "#{number} のお礼は担当者から送るものです。",
    "error.timezone_unknown": "{zone} というタイムゾーンは見つかりませんでした。Asia/Tokyo や America/New_York のような名前で入力するか、空欄にして Slack の設定に合わせてください。",
    "home.header": "あなたのエスカレーション",
    "home.counts": "担当 {owned} 件 · 起票 {raised} 件",
    "home.page": "{page} / {pages} ページ",
    "home.group.owner": "担当している案件",
    "home.group.raiser": "起票した案件",
    "home.empty": "対応中の案件はありません。起票したり担当になったりすると、ここに表示されます。",
    "home.item.raised_by": "起票: {raiser} さん",
    "home.item.owner": "担当: {owner} さん",
    "home.item.confidential": "🔒 非公開",
    "home.item.promised": "お客様への返答期限: {when}",
    "home.item.overdue": "⏰ *期限超過:* {when} までに返答するとお客様にお伝えしています",
    "home.prev": "← 前のページ",
    "home.next": "次のページ →",
    "home.settings.header": "あなたの設定",
    "home.settings.language": "*言語*\nあなたへのメッセージに使う言語です。",
    "home.language.auto": "Slack の設定に合わせる",
    "home.language.ja": "日本語",
    "home.language.en": "English",
    "home.settings.hours": "*勤務時間*\n{hours}、{tz} {note}\n急がないリマインダーと声かけは、この時間にだけ届きます。",
    "home.tz.own": "（ここで設定）",
    "home.tz.slack": "（Slack の設定）",
    "home.button.change": "変更",
    "home.settings.ooo": "*不在*\n不在の最終日を選ぶと、戻るまで急がない連絡は届きません。",
    "home.settings.ooo_until": "*{day} まで不在*\n翌営業日まで、急がない連絡は届きません。",
    "home.ooo.placeholder": "不在の最終日",
    "home.button.back": "戻りました",
    "home.settings.toggles": "*声かけ・ピアサポート・週次まとめ*",
    "home.toggle.checkins": "起票後の声かけを受け取る",
    "home.toggle.checkins_hint": "勤務時間内に短い DM が数回届きます。いつでも止められます。",
    "home.toggle.supporter": "ピアサポーターになる",
    "home.toggle.supporter_hint": "話し相手を希望した方と、グループ DM でつながることがあります。",
    "home.toggle.digest": "チームのエスカレーションの週次まとめを受け取る",
    "home.toggle.digest_hint": "経路上であなたより下にいる方の件数と期限超過をお知らせします。",
    "home.settings.private": "声かけへのお返事はあなただけのものです。ほかの誰にも、合計としても見せません。",
    "home.hours.title": "勤務時間",
    "home.hours.start": "始業",
    "home.hours.end": "終業",
    "home.hours.hint": "始業と終業を空欄にすると、ワークスペースの標準（{default}）になります。",
    "home.hours.days": "勤務日",
    "home.hours.tz": "タイムゾーン",
    "home.hours.tz_hint": "Asia/Tokyo のような名前で入力します。空欄なら Slack の設定（{slack_tz}）に合わせます。",
    "home.hours.submit": "保存",
    "day.mon": "月",
    "day.tue": "火",
    "day.wed": "水",
    "day.thu": "木",
    "day.fri": "金",
    "day.sat": "土",
    "day.sun": "日",
    "days.every": "毎日",
    "days.span": "{first}〜{last}",
    "days.separator": "・",
    "days.hours": "{start}〜{end}",
    "days.week": "{days} {hours}",
    "days.weekly": "毎週{day}曜 {time}",
    "error.hours_order": "終業時刻は始業時刻より後にしてください。",
    "home.admin.header": "現在の設定（管理者向け）",
    "home.admin.none": "なし",
    "home.admin.keep": "保持",
    "home.admin.days": "{days} 日",
    "home.admin.channel": "エスカレーション用チャンネル",
    "home.admin.admins": "管理者",
    "home.admin.admin_channel": "運用通知の送り先",
    "home.admin.desk": "相談窓口",
    "home.admin.timeouts": "受付までの待ち時間",
    "home.admin.nudges": "経路に上げる前の再通知",
    "home.admin.reminder": "返答期限前のリマインダー",
    "home.admin.hours": "標準の勤務時間",
    "home.admin.holidays": "祝日",
    "home.admin.closed": "休業日",
    "home.admin.checkins": "声かけの予定",
    "home.admin.retention": "解決済みの詳細",
    "home.admin.vent_retention": "匿名投稿",
    "home.admin.digest": "週次まとめ",
    "home.admin.peer_channel": "ピアサポートのチャンネル",
    "home.admin.peer_off": "オフ（PEER_CHANNEL を設定すると /vent が使えます）",
    "home.admin.vent_limit": "1人あたりの匿名投稿",
    "home.admin.per_hour": "1時間に {count} 件まで",
    "home.admin.weekly": "週1回の励ましスレッド",
    "home.admin.moderators_admins": "{users}（MODERATORS が未設定のため管理者）",
    "home.admin.moderators": "モデレーター",
    "home.admin.chain": "*エスカレーションの経路*（{count} 件）\n{lines}",
    "home.admin.chain_none": "*エスカレーションの経路*\nまだ設定されていません: `/escalate chain @person @manager`",
    "home.admin.failed": "最近の送信失敗",
    "home.admin.failed_line": "{when} · `{kind}` · {number} · {error}",
    "home.admin.failed_none": "ありません。すべて送信できています。",
    "help.care": "• `/escalate export 12` で #12 の経過をすべて CSV ファイルとしてお送りします（JSON なら `/escalate export 12 json`）。担当者・起票した方・管理者が使えます。管理者は期間も指定できます: `/escalate export 2026-01-01..2026-03-31`\n• `/escalate digest on`（管理職向け）で、経路上であなたより下の方のエスカレーションを毎週まとめてお送りします。\n• ホームタブには、対応中のエスカレーションと、言語・勤務時間・不在・声かけの設定が表示されます。",
    "care.export.preparing": "{what} を {format} でまとめています。まもなく DM に届きます。",
    "care.export.ready": "ご依頼のエクスポートです（{count} 件）。非公開の内容を含むことがありますので、コンプライアンス記録の保管場所で管理してください。",
    "care.export.truncated": "1 回のエクスポートに入るのは最初の {count} 件までです。残りは期間を短くしてご依頼ください。",
    "care.export.failed": "ご依頼のエクスポートを用意できませんでした。もう一度お試しいただき、続くようでしたら管理者にお知らせください。",
    "error.export_format": "`/escalate export 12` のように書いてください（`#12` でも可、JSON なら末尾に `json`）。管理者は期間も指定できます: `/escalate export 2026-01-01..2026-03-31`",
    "error.export_not_allowed": "#{number} をエクスポートできるのは、担当者・起票した方・管理者です。",
    "error.export_range": "1 年以内の期間を、開始日から順に指定してください。例: `2026-01-01..2026-03-31`",
    "care.digest.title": "エスカレーション週次まとめ（{first}〜{last}）",
    "care.digest.team": "経路上であなたより下の {count} 人について:",
    "care.digest.counts": "起票 *{opened}* 件 · 受付 *{acknowledged}* 件 · 解決 *{resolved}* 件",
    "care.digest.median": "受付までの時間（中央値）: {wait}",
    "care.digest.median_none": "今週の受付はありませんでした。",
    "care.digest.overdue": "お客様への返答期限を過ぎている案件",
    "care.digest.overdue_none": "期限を過ぎている案件はありません。",
    "care.digest.overdue_line": "{number} · 担当 {owner} さん · 期限 {when}",
    "care.digest.overdue_hidden": "{number} · 非公開 · 期限 {when}",
    "care.digest.peer": "今週のワークスペース全体のピアサポート: 投稿 {posts} 件、返信 {replies} 件",
    "care.digest.nobody_below": "経路上であなたより下に設定されている方がまだいないため、まとめる件数がありません。管理者が `/escalate chain @person @manager` で設定できます。",
    "care.digest.footer": "週次まとめをオンにしているためお送りしています。`/escalate digest off` またはホームタブのスイッチでオフにできます。",
    "care.digest.on": "週次まとめをオンにしました。{when}（あなたのタイムゾーン）にお送りします。休みの日なら翌営業日の朝になります。",
    "care.digest.off": "週次まとめをオフにしました。",
    "error.digest_format": "`/escalate digest on`、`/escalate digest off`、またはオンかどうかを見る `/escalate digest` と書いてください。",
}
