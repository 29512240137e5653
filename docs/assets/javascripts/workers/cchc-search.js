// Material's search worker, wrapped for Vietnamese (loaded instead of it: overrides/main.html
// points the page's search worker here, with Material's own worker file after the "#").
//
// - No English stemming of queries: lunr's default search pipeline keeps its English stemmer
//   even with lang "vi", and it rewrites Vietnamese ("ngày" → "ngài").
// - An exact word ranks above longer words that begin with it: each plain query word is also
//   asked for exactly, with a boost ("số" ranks "số" above "sống", "1.1" above "1.10").
// - Search without marks: parents type "hoc phi" for "học phí". lunr matches tokens exactly
//   (with a trailing wildcard), so before Material builds its index (SETUP), every section gets
//   two fields that results never show: the distinct forms without marks of its title's and its
//   text's accented words ("hoc", "phi"), boosted a little below the real title and text, so an
//   exact match ranks first and a query with marks keeps its own order. They are computed here,
//   not stored in search_index.json: stored, they nearly doubled the index parents download.
// - Words found only through their form without marks ("hoc phi" finds "Học phí") are
//   highlighted in the result's title and text, as exact matches are.
// - A page where the words of a query of several words stand together, in the order typed
//   ("học phí", or "hoc phi" without marks), ranks above pages where they are apart.
//
// It lives beside Material's worker because that worker loads its language files relative to
// the worker's own address ("../lunr/...").
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var EXACT_BOOST = 10;
  var material = self.location.hash.slice(1);
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("cchc-search: not a Material search worker: " + material);
  }

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }

  // The index's fields of words without marks (see the top of this file).
  var TITLE_FIELD = "folded_title", TEXT_FIELD = "folded";
  var FOLDED_SHARE = 0.9; // a word written without marks ("Zalo") ranks just above a folded twin
  var INDEX_WORD = /[\p{L}\p{N}]+/gu;
  var NAMED = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  function unescapeHtml(value) {
    return value.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, function (entity, name) {
      if (name.charAt(0) !== "#") return NAMED.hasOwnProperty(name) ? NAMED[name] : entity;
      var code = name.charAt(1) === "x" || name.charAt(1) === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
  }

  // The distinct forms without marks of the accented words of `html`, in order of first
  // appearance ("<p>Đóng học phí, học phí</p>" → "dong hoc phi"); `folds` remembers each word's
  // form, shared by the whole index (a small vocabulary repeated many times).
  function foldedWords(html, folds) {
    var plain = unescapeHtml(html.replace(/<[^<>]+>/g, " ")).normalize("NFC").toLowerCase();
    var seen = new Set(), out = [];
    (plain.match(INDEX_WORD) || []).forEach(function (word) {
      var flat = folds.get(word);
      if (flat === undefined) {
        flat = fold(word);
        folds.set(word, flat);
      }
      if (flat !== word && !seen.has(flat)) {
        seen.add(flat);
        out.push(flat);
      }
    });
    return out.join(" ");
  }

  function foldIndex(data) {
    if (!data || !data.config || !Array.isArray(data.docs)) return data;
    var fields = data.config.fields || {};
    var boost = function (name) {
      return fields[name] && fields[name].boost != null ? Number(fields[name].boost) : 1;
    };
    var config = Object.assign({}, data.config, { fields: Object.assign({}, fields) });
    config.fields[TITLE_FIELD] = { boost: boost("title") * FOLDED_SHARE };
    config.fields[TEXT_FIELD] = { boost: boost("text") * FOLDED_SHARE };
    var folds = new Map();
    var docs = data.docs.map(function (doc) {
      var added = {};
      var title = foldedWords(String(doc.title || ""), folds);
      if (title) added[TITLE_FIELD] = title;
      var text = foldedWords(String(doc.text || ""), folds);
      if (text) added[TEXT_FIELD] = text;
      return Object.assign({}, doc, added);
    });
    return Object.assign({}, data, { config: config, docs: docs });
  }

  // The words of a query that a parent typed without marks ("hoc phi" → ["hoc", "phi"]).
  var WORD = /[0-9A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036f]+/g;
  function plainWords(query) {
    var words = (query.toLowerCase().match(WORD) || []);
    return words.filter(function (word) { return fold(word) === word && /[a-z]/.test(word); });
  }

  // "số 3.4" → "số^10 số 3.4^10 3.4": Material adds a trailing wildcard to the plain words only.
  // A query with lunr's own syntax (quotes, +, -, ~, ^, field:, *) is left as typed.
  function rewrite(query) {
    query = query.normalize("NFC");
    if (/["+\-~^:*]/.test(query)) return query;
    return query.trim().split(/\s+/).filter(Boolean).map(function (word) {
      return word + "^" + EXACT_BOOST + " " + word;
    }).join(" ");
  }

  // Wrap every word of `html` (tags and entities left alone, marks not nested) whose form
  // without marks begins with one of `words`.
  function markFolded(html, words) {
    var inMark = 0;
    return html.split(/(<[^>]*>|&#?[0-9A-Za-z]+;)/).map(function (part, i) {
      if (i % 2 === 1) {
        if (/^<mark\b/i.test(part)) inMark++;
        else if (/^<\/mark>/i.test(part)) inMark = Math.max(0, inMark - 1);
        return part;
      }
      if (inMark) return part;
      return part.replace(WORD, function (token) {
        var flat = fold(token.toLowerCase());
        for (var k = 0; k < words.length; k++) {
          if (flat.lastIndexOf(words[k], 0) === 0) return "<mark>" + token + "</mark>";
        }
        return token;
      });
    }).join("");
  }

  // The top-level blocks of a section's text that hold a mark (at most two), as Material's
  // worker keeps for the blocks its own matches are in.
  function blocksWithMarks(html) {
    var blocks = [], current = "", depth = 0;
    html.split(/(<[^>]*>)/).forEach(function (part, i) {
      if (i % 2 === 0) { current += part; return; }
      var closing = /^<\//.test(part);
      var empty = /\/>$/.test(part) || /^<(br|img|hr|wbr)\b/i.test(part);
      if (!closing && !empty && depth === 0 && current.trim()) { blocks.push(current); current = ""; }
      current += part;
      if (closing) {
        depth = Math.max(0, depth - 1);
        if (depth === 0) { blocks.push(current); current = ""; }
      } else if (!empty) {
        depth++;
      }
    });
    if (current.trim()) blocks.push(current);
    var kept = blocks.filter(function (block) { return block.indexOf("<mark>") >= 0; }).slice(0, 2);
    return kept.length ? kept.join("") : html;
  }

  // The words of `value` as one line: lower case, marks removed when `flat`.
  function wordLine(value, flat) {
    var text = value.replace(/<[^>]*>/g, " ").replace(/&#?[0-9A-Za-z]+;/g, " ").toLowerCase().normalize("NFC");
    return " " + (text.match(WORD) || []).map(function (word) { return flat ? fold(word) : word; }).join(" ") + " ";
  }

  // Pages (groups of sections) that hold the query's words side by side come first; the order
  // is otherwise Material's.
  function phrasesFirst(result, query) {
    var words = query.toLowerCase().normalize("NFC").match(WORD) || [];
    if (words.length < 2 || !result || !result.items) return result;
    var flat = words.every(function (word) { return fold(word) === word; });
    var phrase = " " + words.join(" ") + " ";
    var ranked = result.items.map(function (group, index) {
      var together = group.some(function (item) {
        return wordLine((item.title || "") + " . " + (item.text || ""), flat).indexOf(phrase) >= 0
          || wordLine(item.title || "", flat).indexOf(phrase) >= 0;
      });
      return { group: group, index: index, together: together };
    });
    ranked.sort(function (a, b) { return (b.together - a.together) || (a.index - b.index); });
    result.items = ranked.map(function (entry) { return entry.group; });
    return result;
  }

  function highlight(result, query) {
    var words = plainWords(query);
    if (!words.length || !result || !result.items) return result;
    result.items.forEach(function (group) {
      group.forEach(function (item) {
        if (typeof item.title === "string") item.title = markFolded(item.title, words);
        if (typeof item.text === "string") {
          var before = item.text.indexOf("<mark>") >= 0;
          var text = markFolded(item.text, words);
          item.text = before || text === item.text ? text : blocksWithMarks(text);
        }
      });
    });
    return result;
  }

  var lastQuery = "";
  var addEventListener = self.addEventListener.bind(self);
  var postMessage = self.postMessage.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener(type, listener, options);
    return addEventListener(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        message = { type: SETUP, data: foldIndex(message.data) };
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        lastQuery = message.data;
        message = { type: QUERY, data: rewrite(message.data) };
      }
      return listener({ data: message });
    }, options);
  };
  self.postMessage = function (message) {
    if (message && message.type === RESULT) {
      message = { type: RESULT, data: phrasesFirst(highlight(message.data, lastQuery), lastQuery) };
    }
    return postMessage(message);
  };

  importScripts(material);

  // Replaces lunr's English stemmer before the index (and its search pipeline) is built on SETUP.
  var lunr = self.lunr;
  var keep = function (token) { return token; };
  lunr.Pipeline.registerFunction(keep, "cchc-keep");
  lunr.stemmer = keep;
})();
