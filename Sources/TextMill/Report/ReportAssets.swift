/// The report page's style sheet and script, inlined into every page.
enum ReportAssets {
    static let css = #"""
    :root { --ink: #1d2430; --muted: #5b6472; --line: #d9dee6; --bar: #3f6fb5; --bg: #f6f7f9;
            --direct: #ffe08a; --mixed: #bfe3c0; --indirect: #cfdcf7; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
    header { background: #24324a; color: #fff; padding: 12px 24px; }
    header h1 { font-size: 18px; margin: 0 0 4px; } header code { color: #ffe08a; }
    header nav a { color: #cfe0ff; margin-right: 14px; }
    main { padding: 8px 24px 24px; max-width: 1400px; }
    section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px 14px; margin: 14px 0; }
    h2 { font-size: 17px; margin: 6px 0 10px; } h3 { font-size: 14px; margin: 14px 0 6px; }
    table { border-collapse: collapse; } th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: right; }
    th:first-child, td:last-child { text-align: left; } table.glance td { font-variant-numeric: tabular-nums; font-weight: 600; }
    .note { color: var(--muted); }
    .charts { display: flex; flex-wrap: wrap; gap: 10px 28px; }
    figure.chart { margin: 0; max-width: 540px; } figcaption { font-weight: 600; margin: 4px 0; }
    figure.chart p { margin: 0 0 4px; font-size: 12px; }
    svg rect { fill: var(--bar); } svg text { font-size: 12px; fill: var(--ink); } svg text.value { fill: var(--muted); }
    .search input { width: 340px; padding: 5px 8px; font-size: 14px; }
    .browser { display: flex; gap: 16px; margin-top: 8px; align-items: flex-start; }
    #doc-list { flex: 0 0 330px; max-height: 640px; overflow: auto; margin: 0; padding: 0 0 0 28px; font-size: 13px; }
    #doc-list li { margin: 2px 0; word-break: break-all; } #doc-list .set { color: var(--muted); }
    #doc-view { position: relative; flex: 1; min-width: 0; max-height: 900px; overflow: auto; border-left: 1px solid var(--line); padding-left: 16px; }
    #doc-view h3 { font-size: 15px; word-break: break-all; }
    .doc-text p { margin: 0 0 10px; white-space: pre-wrap; }
    .s1 { background: #f1f3f6; }
    mark.q { padding: 1px 0; border-radius: 2px; } .q-direct { background: var(--direct); } .q-mixed { background: var(--mixed); }
    .q-indirect { background: var(--indirect); } .q-other { background: #eee; }
    .spk { font-weight: 700; text-decoration: underline 2px #b5482f; color: inherit; }
    .cue { font-style: italic; text-decoration: underline dotted 2px #6a3fb5; color: inherit; }
    .role { text-decoration: underline dashed 1px #555; } .ref { text-decoration: underline wavy 1px #b5482f; }
    mark.flash, .flash { outline: 2px solid #b5482f; }
    .kind { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; margin-right: 4px; }
    table.meta th { text-align: left; vertical-align: top; color: var(--muted); font-weight: 500; }
    table.meta td { text-align: left; word-break: break-word; }
    .quotes li { margin: 4px 0; } .badge { font-size: 12px; background: #e8ecf3; border-radius: 3px; padding: 1px 6px; }
    details.group summary { cursor: pointer; } details.group .count { display: inline-block; min-width: 40px; font-weight: 700; }
    details.group ul { margin: 4px 0 8px; font-size: 13px; } .pos { color: var(--muted); }
    footer { color: var(--muted); font-size: 12px; } footer h2 { font-size: 13px; }
    /* Corpus names (ids, speakers, reasons) may hold a bidi override (U+202E): isolated, one reorders nothing outside its element. */
    #doc-list a, #doc-view h3, #doc-view > p a, table.meta td, .quotes a, .quotes span, details.group summary,
    details.group a, details.group .reason, code { unicode-bidi: isolate; }
    """#

    static let script = #"""
    (function () {
      'use strict';
      var started = performance.now();
      var data = JSON.parse(document.getElementById('tm-data').textContent);
      var docs = data.docs;
      // An output record is found by its id (the output holds it once; output records come
      // first), a duplicate, failed or filtered one by its key: it may share its id with an
      // output record or with another of them.
      var byId = new Map(), byKey = new Map();
      docs.forEach(function (d) {
        if (!byId.has(d.id)) byId.set(d.id, d);
        if (d.key !== undefined) byKey.set(d.key, d);
      });
      var list = document.getElementById('doc-list');
      var view = document.getElementById('doc-view');
      var search = document.getElementById('doc-search');
      var count = document.getElementById('doc-count');
      var setNames = { output: 'output', duplicate: 'duplicate', filtered: 'filtered', failed: 'failed' };
      var shownAtOnce = 200;

      function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text !== undefined && text !== null) e.textContent = String(text);
        return e;
      }
      // A link to a document (`d`, or an id alone: the output record under it).
      function link(d, label, quote) {
        var id = typeof d === 'object' ? d.id : d;
        var key = typeof d === 'object' && d.key !== undefined ? '/' + encodeURIComponent(d.key) : '';
        var a = el('a', null, label === undefined ? id : label);
        a.href = '#doc/' + encodeURIComponent(id) + key + (quote === undefined ? '' : '/q' + quote);
        return a;
      }
      function lower(d) {
        if (d._lower === undefined) d._lower = (d.text || d.reason || '').toLowerCase();
        return d._lower;
      }
      function matches(d, needle, words) {
        if (String(d.id).toLowerCase().indexOf(needle) >= 0) return true;
        var t = lower(d);
        for (var i = 0; i < words.length; i++) if (t.indexOf(words[i]) < 0) return false;
        return true;
      }
      function runSearch() {
        var needle = search.value.trim().toLowerCase();
        var words = needle.split(/\s+/).filter(Boolean);
        list.textContent = '';
        var found = 0;
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i];
          if (words.length && !matches(d, needle, words)) continue;
          found++;
          if (found > shownAtOnce) continue;
          var li = el('li');
          li.appendChild(link(d));
          if (d.set !== 'output') { li.appendChild(document.createTextNode(' ')); li.appendChild(el('span', 'set', '(' + (setNames[d.set] || d.set) + ')')); }
          list.appendChild(li);
        }
        count.textContent = found + ' of ' + docs.length + ' embedded documents' + (found > shownAtOnce ? ', the first ' + shownAtOnce + ' listed' : '');
      }

      // Unicode scalar offsets to positions in the array of code points.
      function spanOf(o, n) {
        if (!o || typeof o.start !== 'number' || typeof o.end !== 'number') return null;
        var s = Math.max(0, Math.min(o.start, n)), e = Math.max(s, Math.min(o.end, n));
        return { start: s, end: e };
      }

      function renderText(d) {
        var cps = Array.from(d.text || '');
        var n = cps.length;
        var marks = [];
        (d.quotes || []).forEach(function (q, i) {
          var kind = ['direct', 'mixed', 'indirect'].indexOf(q.kind) >= 0 ? q.kind : 'other';
          var s = spanOf(q, n);
          if (s) marks.push({ start: s.start, end: s.end, type: 'q', kind: kind, q: i, quote: q });
          if (q.speaker) {
            var sp = spanOf(q.speaker, n);
            if (sp) marks.push({ start: sp.start, end: sp.end, type: 'spk', q: i });
            var ref = spanOf(q.speaker.resolved_from, n);
            if (ref) marks.push({ start: ref.start, end: ref.end, type: 'ref', q: i });
            var role = spanOf(q.speaker.role, n);
            if (role) marks.push({ start: role.start, end: role.end, type: 'role', q: i });
          }
          var cue = spanOf(q.cue, n);
          if (cue) marks.push({ start: cue.start, end: cue.end, type: 'cue', q: i });
        });
        var sentences = (d.sentences || []).map(function (s) { return spanOf(s, n); }).filter(Boolean);
        var paragraphs = (d.paragraphs || []).map(function (s) { return spanOf(s, n); }).filter(Boolean);
        if (!paragraphs.length) paragraphs = [{ start: 0, end: n }];
        var box = el('div', 'doc-text');
        paragraphs.forEach(function (p) {
          var para = el('p');
          var cuts = [p.start, p.end];
          marks.concat(sentences).forEach(function (m) {
            if (m.start > p.start && m.start < p.end) cuts.push(m.start);
            if (m.end > p.start && m.end < p.end) cuts.push(m.end);
          });
          cuts.sort(function (a, b) { return a - b; });
          for (var c = 0; c + 1 < cuts.length; c++) {
            var a = cuts[c], b = cuts[c + 1];
            if (a === b) continue;
            var piece = document.createTextNode(cps.slice(a, b).join(''));
            var node = piece;
            var active = marks.filter(function (m) { return m.start <= a && m.end >= b; });
            ['ref', 'role', 'cue', 'spk'].forEach(function (type) {
              var m = active.filter(function (x) { return x.type === type; })[0];
              if (!m) return;
              var wrap = (type === 'spk' || type === 'cue') ? link(d, '', m.q) : el('span');
              wrap.textContent = '';
              wrap.className = type;
              wrap.setAttribute('data-q', m.q);
              wrap.title = type === 'spk' ? 'speaker of quotation ' + (m.q + 1) : type === 'cue' ? 'cue of quotation ' + (m.q + 1) : type === 'role' ? 'role of the speaker' : 'refers to the speaker';
              wrap.appendChild(node);
              node = wrap;
            });
            var q = active.filter(function (x) { return x.type === 'q'; })[0];
            if (q) {
              var mark = el('mark', 'q q-' + q.kind);
              mark.setAttribute('data-q', q.q);
              var who = q.quote.speaker && q.quote.speaker.text ? q.quote.speaker.text : 'unknown speaker';
              mark.title = 'quotation ' + (q.q + 1) + ', ' + q.kind + ', ' + who + (q.quote.cue && q.quote.cue.text ? ' (' + q.quote.cue.text + ')' : '');
              mark.appendChild(node);
              node = mark;
            }
            var si = -1;
            for (var k = 0; k < sentences.length; k++) if (sentences[k].start <= a && sentences[k].end >= b) { si = k; break; }
            if (si >= 0) { var sw = el('span', 's' + (si % 2)); sw.appendChild(node); node = sw; }
            para.appendChild(node);
          }
          box.appendChild(para);
        });
        return box;
      }

      function table(rows) {
        var t = el('table', 'meta');
        rows.forEach(function (r) {
          var tr = el('tr');
          tr.appendChild(el('th', null, r[0]));
          var td = el('td');
          if (r[1] instanceof Node) td.appendChild(r[1]); else td.textContent = typeof r[1] === 'string' ? r[1] : JSON.stringify(r[1]);
          tr.appendChild(td);
          t.appendChild(tr);
        });
        return t;
      }

      function quoteList(d) {
        var ol = el('ol', 'quotes');
        (d.quotes || []).forEach(function (q, i) {
          var li = el('li');
          li.id = 'quote-' + i;
          li.appendChild(el('span', 'kind q-' + q.kind, q.kind));
          li.appendChild(link(d, '\u201c' + (q.text || '') + '\u201d', i));
          if (q.speaker && q.speaker.text) {
            li.appendChild(document.createTextNode(' \u2014 '));
            li.appendChild(el('span', 'spk', q.speaker.text));
            if (q.speaker.role && q.speaker.role.text) li.appendChild(document.createTextNode(', ' + q.speaker.role.text));
            if (q.speaker.resolved_from && q.speaker.resolved_from.text) li.appendChild(document.createTextNode(' (found as \u201c' + q.speaker.resolved_from.text + '\u201d)'));
          } else {
            li.appendChild(document.createTextNode(' \u2014 speaker unknown'));
          }
          if (q.cue && q.cue.text) { li.appendChild(document.createTextNode(', cue ')); li.appendChild(el('span', 'cue', q.cue.text)); }
          ol.appendChild(li);
        });
        return ol;
      }

      function show(id, quote, key) {
        view.textContent = '';
        var keyed = key === undefined ? undefined : byKey.get(key);
        var d = keyed && keyed.id === id ? keyed : byId.get(id);
        view.appendChild(el('h3', null, id));
        if (!d) {
          view.appendChild(el('p', 'note', 'This document is not among those embedded in the page (see the note above: the page holds a sample).'));
          return;
        }
        view.setAttribute('data-doc', id);
        if (d.key !== undefined) view.setAttribute('data-key', d.key); else view.removeAttribute('data-key');
        view.appendChild(el('p', null)).appendChild(el('span', 'badge', setNames[d.set] || d.set));
        if (d.set === 'failed') {
          var rows = [['stage', d.stage || ''], ['reason', d.reason || '']];
          if (d.line !== undefined) rows.push(['line', d.line + (d.column !== undefined ? ', column ' + d.column : '')]);
          if (d.source !== undefined) rows.push(['source', d.source]);
          view.appendChild(table(rows));
          return;
        }
        if (d.duplicate) {
          var p = el('p', 'duplicate');
          p.appendChild(document.createTextNode('A ' + (d.duplicate.kind || '') + ' duplicate' + (d.duplicate.similarity !== undefined ? ' (similarity ' + d.duplicate.similarity + ')' : '') + ' of '));
          p.appendChild(link(String(d.duplicate.of)));
          if (!byId.has(d.duplicate.of)) p.appendChild(document.createTextNode(' (not embedded)'));
          view.appendChild(p);
        }
        if (d.filtered) view.appendChild(el('p', 'filtered', 'Filtered by ' + (d.filtered.stage || '?') + ': ' + (d.filtered.reason || '') + (d.filtered.detail ? ' (' + d.filtered.detail + ')' : '')));
        var info = [];
        if (d.source) Object.keys(d.source).forEach(function (k) { info.push(['source.' + k, d.source[k]]); });
        if (d.meta) Object.keys(d.meta).forEach(function (k) { info.push(['meta.' + k, d.meta[k]]); });
        var copies = d.set === 'output' ? docs.filter(function (x) { return x.duplicate && x.duplicate.of === d.id; }) : [];
        if (copies.length) {
          var span = el('span');
          copies.forEach(function (x, i) { if (i) span.appendChild(document.createTextNode(', ')); span.appendChild(link(x)); });
          info.push(['copies (embedded)', span]);
        }
        info.push(['length', (d.full_length || Array.from(d.text || '').length) + ' characters, ' + (d.paragraphs || []).length + ' paragraphs, ' + (d.sentences || []).length + ' sentences, ' + (d.quotes || []).length + ' quotations']);
        view.appendChild(table(info));
        if (d.full_length) view.appendChild(el('p', 'note', 'The text is cut at ' + Array.from(d.text).length + ' of ' + d.full_length + ' characters in this page.'));
        view.appendChild(renderText(d));
        if ((d.quotes || []).length) { view.appendChild(el('h3', null, 'Quotations')); view.appendChild(quoteList(d)); }
        if (quote !== undefined) {
          var marked = view.querySelectorAll('mark[data-q="' + quote + '"]');
          for (var i = 0; i < marked.length; i++) marked[i].classList.add('flash');
          if (marked.length) view.scrollTop = Math.max(0, marked[0].offsetTop - 40);
        }
      }

      // A link followed in the page scrolls to the browser; a page opened with a link stays at its top.
      function route(event) {
        var m = /^#doc\/([^\/]*)(?:\/([^\/q][^\/]*))?(?:\/q(\d+))?$/.exec(location.hash);
        if (!m) return;
        var id, key;
        try { id = decodeURIComponent(m[1]); key = m[2] === undefined ? undefined : decodeURIComponent(m[2]); } catch (e) { return; }
        show(id, m[3] === undefined ? undefined : Number(m[3]), key);
        if (event) document.getElementById('browser').scrollIntoView();
      }

      var pending = null;
      search.addEventListener('input', function () { clearTimeout(pending); pending = setTimeout(runSearch, 120); });
      window.addEventListener('hashchange', route);
      runSearch();
      if (location.hash.indexOf('#doc/') === 0) route(null);
      else if (docs.length && docs[0].set === 'output') show(docs[0].id);
      document.body.setAttribute('data-rendered-ms', String(Math.round(performance.now() - started)));
      document.body.setAttribute('data-ready-after-ms', String(Math.round(performance.now())));
      document.body.setAttribute('data-ready', 'true');
    })();
    """#
}
