import Hummingbird

/// The console's one stylesheet and one small script, served from memory: no external asset.
enum Assets {
    static func add(to router: Router<ConsoleContext>) {
        router.get("/assets/console.css") { _, _ in Reply.body(Self.css, contentType: "text/css; charset=utf-8") }
        router.get("/assets/console.js") { _, _ in
            Reply.body(Self.script, contentType: "text/javascript; charset=utf-8")
        }
    }

    /// High contrast (text at least 7:1 on its background), visible focus, nothing conveyed by colour alone.
    static let css = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #111; background: #fff; line-height: 1.45; }
        header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: 0.5rem 1rem; background: #0b3d5c; color: #fff; }
        header a, header button { color: #fff; }
        header ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0; padding: 0; }
        header .brand { font-weight: bold; margin: 0; }
        header .who { margin: 0 0 0 auto; }
        header button { background: transparent; border: 1px solid #fff; padding: 0.2rem 0.6rem; cursor: pointer; }
        a[aria-current] { font-weight: bold; text-decoration: underline 2px; }
        main { padding: 1rem; max-width: 72rem; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #ff0; color: #000; padding: 0.5rem; z-index: 10; }
        :focus-visible { outline: 3px solid #e8a400; outline-offset: 2px; }
        table { border-collapse: collapse; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
        th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        td.n { text-align: right; white-space: nowrap; }
        label { font-weight: 600; }
        input, select, textarea, button { font: inherit; }
        input, select, textarea { border: 1px solid #555; padding: 0.2rem 0.4rem; }
        form.filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: end; }
        form.inline { display: inline; }
        .buttons button, form.action button, form button[type=submit] { padding: 0.35rem 1rem; }
        .problem { border-left: 6px solid #a00000; padding: 0.3rem 0.8rem; background: #fff0f0; }
        .ok { border-left: 6px solid #006400; padding: 0.3rem 0.8rem; background: #f0fff0; }
        fieldset { border: 1px solid #999; margin: 1rem 0; }
        tr.new { background: #fffbd6; }
        aside.training { background: #fffbd6; border-bottom: 3px solid #9a6a00; padding: 0.3rem 1rem; }
        aside.training p { margin: 0.2rem 0; }
        #training-log li.prompt, .prompt { font-weight: bold; }
        .subnav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; }
        figure.chart svg { max-width: 100%; height: auto; font-size: 12px; }
        svg rect.imported { fill: #0b3d5c; }
        svg rect.authorized { fill: #7fa7c2; }
        svg rect.exported { fill: #9a6a00; }
        svg line.limit { stroke: #a00000; stroke-width: 3; }
        @media print { header, .skip, form { display: none; } }
        """

    /// Live inbox rows over the websocket, and the exchange's check of a form while one types.
    static let script = """
        "use strict";
        (function () {
          const events = document.getElementById("events");
          const status = document.getElementById("live-status");
          if (events) {
            let after = events.dataset.after || "0";
            let retry = 1000;
            const connect = function () {
              const socket = new WebSocket("wss://" + location.host + "/live?after=" + after);
              socket.onopen = function () { retry = 1000; events.dataset.live = "open"; };
              socket.onmessage = function (message) {
                const event = JSON.parse(message.data);
                if (events.querySelector('tr[data-seq="' + event.sequence + '"]')) { return; }
                const row = document.createElement("tr");
                row.className = "new";
                row.dataset.seq = String(event.sequence);
                const cells = [String(event.sequence), event.at, event.kind, null, event.status, event.summary];
                cells.forEach(function (text) {
                  const cell = document.createElement("td");
                  if (text === null) {
                    if (event.link) {
                      const link = document.createElement("a");
                      link.href = event.link;
                      link.textContent = event.about;
                      cell.appendChild(link);
                    } else { cell.textContent = event.about; }
                  } else { cell.textContent = text; }
                  row.appendChild(cell);
                });
                events.tBodies[0].prepend(row);
                after = String(event.sequence);
                if (status) { status.textContent = event.kind + " " + event.about; }
              };
              socket.onclose = function () {
                events.dataset.live = "closed";
                setTimeout(connect, retry);
                retry = Math.min(retry * 2, 30000);
              };
            };
            connect();
          }
          const log = document.getElementById("training-log");
          if (log && log.dataset.running) {
            const socket = new WebSocket("wss://" + location.host + "/training/live?id=" + log.dataset.run
              + "&after=" + (log.dataset.after || "0"));
            socket.onmessage = function (message) {
              const update = JSON.parse(message.data);
              if (update.done) { location.reload(); return; }
              const item = document.createElement("li");
              item.dataset.index = String(update.index);
              item.textContent = update.line;
              if (update.line.indexOf("» ") === 0) { item.className = "prompt"; }
              log.appendChild(item);
            };
          }
          const form = document.getElementById("document-form");
          const preview = document.getElementById("preview");
          if (form && preview && form.dataset.preview) {
            let timer = null;
            let sent = 0;
            form.addEventListener("input", function () {
              clearTimeout(timer);
              timer = setTimeout(function () {
                const mine = ++sent;
                const body = new URLSearchParams(new FormData(form));
                fetch(form.dataset.preview, { method: "POST", body: body, credentials: "same-origin" })
                  .then(function (response) { return response.text(); })
                  .then(function (html) { if (mine === sent) { preview.innerHTML = html; } });
              }, 500);
            });
          }
        })();
        """
}
