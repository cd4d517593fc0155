/*! Assistant international — Ville de Québec. Embeddable chat widget, no dependencies.
 * <script src="https://HOST/static/widget/widget.js" defer data-lang="fr" data-position="right"
 *         data-color="#0b3d6b" data-title="…"></script>
 * Optional: data-api (API base URL, default: where this script comes from), data-open="true".
 * Server text is only ever inserted with textContent / createElement, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src || window.__briAssistantWidget) return;
  window.__briAssistantWidget = true;

  var STORE_KEY = "bri-assistant";
  var TTL_MS = 24 * 60 * 60 * 1000;
  var TIMEOUT_MS = 5000;
  var MAX_LENGTH = 2000;
  var DEFAULT_COLOR = "#0b3d6b";
  var BOT_BUBBLE = "#eef1f4";

  // Every UI string, one table per language.
  var STRINGS = {
    fr: {
      title: "Assistant international",
      subtitle: "Bureau des relations internationales · Ville de Québec",
      launcher: "Une question?",
      launcherHint: "Ouvrir l'assistant du Bureau des relations internationales",
      unread: "Nouveau message",
      close: "Fermer l'assistant",
      otherLanguage: "English",
      download: "Télécharger la conversation",
      restart: "Recommencer",
      privacy: "Confidentialité",
      privacyHint: " (nouvel onglet)",
      privacyPath: "confidentialite",
      restarted: "La conversation a été effacée de cet appareil.",
      log: "Conversation",
      intro: "Bonjour! Posez votre question sur l'investissement, le travail et les études, les congrès et événements ou la coopération entre villes. Vous pouvez écrire en français ou en anglais.",
      inputLabel: "Votre question",
      hint: "Entrée pour envoyer, Maj+Entrée pour changer de ligne. N'inscrivez pas de renseignements personnels sensibles.",
      send: "Envoyer",
      typing: "L'assistant écrit…",
      visitor: "Vous",
      bot: "Assistant",
      staff: "Personnel du Bureau",
      system: "Avis",
      choices: "Choix de réponse",
      feedback: "Cette réponse vous a-t-elle aidé?",
      useful: "Réponse utile",
      notUseful: "Réponse pas utile",
      thanks: "Merci de votre avis.",
      feedbackError: "Votre avis n'a pas pu être envoyé. Réessayez.",
      notSent: "Non envoyé",
      retry: "Réessayer",
      offline: "Le service ne répond pas. Vérifiez votre connexion; votre texte est conservé. Vous pouvez aussi écrire à international@ville.quebec.qc.ca.",
      slow: "Le service met trop de temps à répondre. Votre texte est conservé : réessayez dans un moment.",
      failed: "La demande n'a pas pu être traitée. Votre texte est conservé : réessayez.",
      restoreFailed: "La conversation précédente n'a pas pu être récupérée pour le moment.",
      joined: "Une personne du Bureau s'est jointe à la conversation.",
      back: "Vous êtes de retour avec l'assistant automatisé.",
      closed: "Cette conversation avec le Bureau est terminée.",
      fileTitle: "Conversation avec l'assistant international — Ville de Québec",
      fileExported: "Exportée le",
      fileName: "conversation-assistant-international",
      locale: "fr-CA"
    },
    en: {
      title: "International assistant",
      subtitle: "Bureau des relations internationales · Québec City",
      launcher: "Any questions?",
      launcherHint: "Open the assistant of the Bureau des relations internationales",
      unread: "New message",
      close: "Close the assistant",
      otherLanguage: "Français",
      download: "Download the conversation",
      restart: "Start over",
      privacy: "Privacy",
      privacyHint: " (new tab)",
      privacyPath: "privacy",
      restarted: "The conversation has been erased from this device.",
      log: "Conversation",
      intro: "Hello! Ask me about investing, working and studying, congresses and events, or city-to-city cooperation. You may write in English or French.",
      inputLabel: "Your question",
      hint: "Enter to send, Shift+Enter for a new line. Please do not type sensitive personal information.",
      send: "Send",
      typing: "The assistant is typing…",
      visitor: "You",
      bot: "Assistant",
      staff: "Bureau staff",
      system: "Notice",
      choices: "Suggested replies",
      feedback: "Was this answer helpful?",
      useful: "Helpful answer",
      notUseful: "Unhelpful answer",
      thanks: "Thank you for your feedback.",
      feedbackError: "Your feedback could not be sent. Please try again.",
      notSent: "Not sent",
      retry: "Retry",
      offline: "The service is not responding. Check your connection; your text has been kept. You can also write to international@ville.quebec.qc.ca.",
      slow: "The service is taking too long to answer. Your text has been kept: please try again in a moment.",
      failed: "The request could not be processed. Your text has been kept: please try again.",
      restoreFailed: "Your previous conversation could not be retrieved right now.",
      joined: "A staff member of the Bureau has joined the conversation.",
      back: "You are back with the automated assistant.",
      closed: "This conversation with the Bureau has ended.",
      fileTitle: "Conversation with the international assistant — Québec City",
      fileExported: "Exported on",
      fileName: "international-assistant-conversation",
      locale: "en-CA"
    }
  };

  // ---------------------------------------------------------------- configuration
  var data = script.dataset;
  var scriptUrl = new URL(script.src, document.baseURI);
  var appBase = new URL("../../", scriptUrl); // …/static/widget/widget.js → the app's root
  var apiBase = (data.api ? new URL(data.api, document.baseURI) : appBase).href.replace(/\/+$/, "");
  var cssUrl = new URL("widget.css" + scriptUrl.search, scriptUrl).href;
  var fixedLang = normalLang(data.lang);
  var customTitle = (data.title || "").trim();
  var color = safeColor(data.color);

  function normalLang(value) {
    value = String(value || "").trim().toLowerCase();
    if (value.slice(0, 2) === "en") return "en";
    if (value.slice(0, 2) === "fr") return "fr";
    return null;
  }
  function pageLang() {
    return normalLang(document.documentElement.lang) || "fr";
  }

  // A custom colour is used only if white text on it, and it as text on the bubbles, stay
  // readable (WCAG AA contrast 4.5:1); otherwise the City's blue.
  function safeColor(value) {
    value = String(value || "").trim();
    if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return DEFAULT_COLOR;
    if (contrast(value, "#ffffff") < 4.5 || contrast(value, BOT_BUBBLE) < 4.5) {
      if (window.console) console.warn("assistant widget: data-color has too little contrast; using " + DEFAULT_COLOR);
      return DEFAULT_COLOR;
    }
    return value;
  }
  function luminance(hex) {
    hex = hex.slice(1);
    if (hex.length === 3) hex = hex.replace(/./g, "$&$&");
    return [0, 2, 4].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }).reduce(function (sum, c, i) { return sum + c * [0.2126, 0.7152, 0.0722][i]; }, 0);
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // ---------------------------------------------------------------- state
  var stored = readStore();
  var state = {
    ui: (stored && normalLang(stored.lang)) || fixedLang || pageLang(),
    chosenLang: !!(stored && normalLang(stored.lang)),
    conversationId: null,
    conversationLang: null,
    messages: [], // {sender, text, time: Date, lang} — for the downloaded transcript
    sending: false,
    failed: null, // the last message that could not be sent: {text, shown, lang, clientMessageId, conversationId, bubble, error}
    source: null,
    sourceRetry: null,
    lastEventId: 0,
    seen: {},
    status: "bot",
    counter: 0
  };
  function S(key) { return STRINGS[state.ui][key]; }

  // ---------------------------------------------------------------- storage (the conversation id only)
  function readStore() {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE_KEY) || "null");
      if (!value || typeof value !== "object") return null;
      if (!(value.expires > Date.now())) {
        window.localStorage.removeItem(STORE_KEY);
        return null;
      }
      return value;
    } catch (e) {
      return null;
    }
  }
  function writeStore() {
    try {
      if (!state.conversationId && !state.chosenLang) {
        window.localStorage.removeItem(STORE_KEY);
        return;
      }
      var value = { expires: Date.now() + TTL_MS };
      if (state.conversationId) value.conversation_id = state.conversationId;
      if (state.chosenLang) value.lang = state.ui;
      window.localStorage.setItem(STORE_KEY, JSON.stringify(value));
    } catch (e) { /* storage disabled: the conversation lasts as long as the page */ }
  }
  function clearStore() {
    try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
  }

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function nextId(prefix) {
    state.counter += 1;
    return "bri-" + prefix + state.counter;
  }
  var SVG_NS = "http://www.w3.org/2000/svg";
  // Icons, not emoji: they show the same on every system, fonts or not.
  var THUMB_UP = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
  var THUMB_DOWN = "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z";
  function icon(pathData) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }

  // URLs and email addresses become links; everything else stays text.
  var LINKS = /(https?:\/\/[^\s<>"'«»]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
  function appendLinkified(parent, text) {
    var last = 0;
    text.replace(LINKS, function (match, _whole, offset) {
      var core = match, tail = "";
      for (;;) {
        var trimmed = core.replace(/[.,;:!?'"\]]+$/, "");
        if (/\)$/.test(trimmed) && (trimmed.match(/\(/g) || []).length < (trimmed.match(/\)/g) || []).length) {
          trimmed = trimmed.slice(0, -1);
        }
        if (trimmed === core) break;
        tail = core.slice(trimmed.length) + tail;
        core = trimmed;
      }
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(link(core) || document.createTextNode(core));
      if (tail) parent.appendChild(document.createTextNode(tail));
      last = offset + match.length;
      return match;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }
  function link(target) {
    var href;
    if (target.indexOf("@") > 0 && !/^https?:/i.test(target)) {
      href = "mailto:" + target;
    } else {
      try {
        var url = new URL(target);
        if (url.protocol !== "http:" && url.protocol !== "https:") return null;
        href = url.href;
      } catch (e) {
        return null;
      }
    }
    var a = document.createElement("a");
    a.href = href;
    a.textContent = target;
    if (href.slice(0, 7) !== "mailto:") {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function parseTime(value) {
    if (!value) return new Date();
    var text = String(value);
    if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += "Z"; // the server's times are UTC
    var date = new Date(text);
    return isNaN(date.getTime()) ? new Date() : date;
  }
  function formatTime(date) {
    var today = new Date();
    var options = date.toDateString() === today.toDateString()
      ? { hour: "2-digit", minute: "2-digit" }
      : { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    try {
      return new Intl.DateTimeFormat(S("locale"), options).format(date);
    } catch (e) {
      return date.toLocaleString();
    }
  }

  // The transcript API does not say which language each message is in; guess it from the words
  // (only used to set the lang attribute of restored messages).
  var FR_WORDS = " le la les un une des du de et est pour vous votre vos je nous dans sur avec pas que qui au aux à être ou ce cette sont peut merci bonjour quel quelle ";
  var EN_WORDS = " the a an and is are you your for with to of in on what how can i my it this that be or do does we our please thanks hello which ";
  function guessLang(text, fallback) {
    var fr = 0, en = 0;
    String(text).toLowerCase().split(/[^a-zà-öø-ÿœ]+/).forEach(function (word) {
      if (!word) return;
      if (FR_WORDS.indexOf(" " + word + " ") >= 0) fr += 1;
      if (EN_WORDS.indexOf(" " + word + " ") >= 0) en += 1;
    });
    fr += (String(text).match(/[éèêàùçôîœ]/gi) || []).length * 0.3;
    if (Math.abs(fr - en) < 1) return fallback;
    return fr > en ? "fr" : "en";
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    (window.crypto || { getRandomValues: function (b) { for (var i = 0; i < b.length; i++) b[i] = Math.random() * 256; return b; } }).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function timezone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  }

  // ---------------------------------------------------------------- building the widget
  var host = el("div", { id: "bri-assistant-widget", "data-bri-widget": "" });
  var shadow = host.attachShadow({ mode: "open" });
  var i18n = []; // [node, key, attribute?]
  function tr(node, key, attribute) {
    i18n.push([node, key, attribute]);
    return node;
  }

  var stylesheet = el("link", { rel: "stylesheet", href: cssUrl });
  var root = el("div", { class: "bri pos-" + (data.position === "left" ? "left" : "right"), hidden: true });
  root.style.setProperty("--bri-color", color); // CSSOM, allowed under a strict CSP

  var launcherText = tr(el("span", { class: "launcher-text" }), "launcher");
  var launcherHint = tr(el("span", { class: "sr-only" }), "launcherHint");
  var unreadHint = tr(el("span", { class: "sr-only unread-text", hidden: true }), "unread");
  var launcher = el("button", {
    type: "button",
    class: "launcher",
    "aria-expanded": "false",
    "aria-controls": "bri-panel",
    onclick: function () { if (panel.hidden) openPanel(true); else closePanel(true); }
  }, [
    icon("M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"),
    launcherText,
    el("span", { class: "sr-only", text: " " }),
    launcherHint,
    unreadHint,
    el("span", { class: "badge", "aria-hidden": "true" })
  ]);

  var titleNode = el("h2", { class: "title", id: "bri-title" });
  var langButton = el("button", { type: "button", class: "lang", onclick: function () { switchLanguage(state.ui === "fr" ? "en" : "fr"); } });
  var closeButton = tr(el("button", {
    type: "button",
    class: "close",
    onclick: function () { closePanel(true); }
  }, [icon("M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z")]), "close", "aria-label");
  var header = el("div", { class: "header" }, [
    el("div", { class: "titles" }, [titleNode, tr(el("p", { class: "subtitle" }), "subtitle")]),
    langButton,
    closeButton
  ]);
  // The privacy notice (/confidentialite or /privacy on the app), in a new tab.
  var privacyText = tr(el("span"), "privacy");
  var privacyHint = tr(el("span", { class: "sr-only" }), "privacyHint");
  var privacyLink = el("a", { class: "tool privacy", target: "_blank", rel: "noopener" }, [privacyText, privacyHint]);
  var tools = el("div", { class: "tools" }, [
    tr(el("button", { type: "button", class: "tool download", onclick: downloadTranscript }), "download"),
    tr(el("button", { type: "button", class: "tool restart", onclick: startOver }), "restart"),
    privacyLink
  ]);
  // The state, shown; not a live region: the server's own notice in the log is announced.
  var banner = el("p", { class: "banner" });
  var intro = tr(el("p", { class: "intro" }), "intro");
  var log = tr(el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" }, [intro]), "log", "aria-label");
  var typingText = el("span", { class: "typing-text" });
  var typing = el("div", { class: "typing", role: "status" }, [
    el("span", { class: "dots", "aria-hidden": "true" }, [el("i"), el("i"), el("i")]),
    typingText
  ]);
  var input = el("textarea", {
    id: "bri-input",
    name: "message",
    rows: "2",
    maxlength: String(MAX_LENGTH),
    "aria-describedby": "bri-hint",
    autocomplete: "off"
  });
  var sendButton = tr(el("button", { type: "submit", class: "send" }), "send");
  var form = el("form", { class: "composer", novalidate: true }, [
    tr(el("label", { for: "bri-input" }), "inputLabel"),
    el("div", { class: "row" }, [input, sendButton]),
    tr(el("p", { class: "hint", id: "bri-hint" }), "hint")
  ]);
  var announcer = el("p", { class: "announcer sr-only", role: "status" });
  var panel = el("div", {
    id: "bri-panel",
    class: "panel",
    role: "dialog",
    "aria-modal": "false",
    hidden: true
  }, [header, tools, banner, log, typing, form, announcer]);

  root.appendChild(launcher);
  root.appendChild(panel);
  shadow.appendChild(stylesheet);
  shadow.appendChild(root);
  stylesheet.addEventListener("load", function () { root.hidden = false; });
  stylesheet.addEventListener("error", function () { root.hidden = false; }); // usable, if unstyled
  banner.hidden = true;

  // ---------------------------------------------------------------- language
  function applyStrings() {
    var title = customTitle || S("title");
    root.setAttribute("lang", state.ui);
    titleNode.textContent = title;
    panel.setAttribute("aria-label", title);
    i18n.forEach(function (item) {
      if (item[2]) item[0].setAttribute(item[2], S(item[1]));
      else item[0].textContent = S(item[1]);
    });
    privacyLink.setAttribute("href", new URL(S("privacyPath"), appBase).href);
    privacyLink.setAttribute("hreflang", state.ui);
    langButton.textContent = S("otherLanguage");
    langButton.setAttribute("lang", state.ui === "fr" ? "en" : "fr");
    typingText.textContent = state.sending ? S("typing") : "";
    // Labels inside messages (sender names, buttons, times) follow the interface language;
    // the messages themselves keep their own.
    Array.prototype.forEach.call(log.querySelectorAll("[data-i18n]"), function (node) {
      var key = node.getAttribute("data-i18n");
      var attribute = node.getAttribute("data-i18n-attr");
      node.setAttribute("lang", state.ui);
      if (attribute) node.setAttribute(attribute, S(key));
      else node.textContent = key === "who" ? S(node.getAttribute("data-sender")) : S(key);
    });
    Array.prototype.forEach.call(log.querySelectorAll("time"), function (node) {
      node.textContent = formatTime(new Date(node.getAttribute("datetime")));
    });
    if (banner.getAttribute("data-key")) banner.textContent = S(banner.getAttribute("data-key"));
  }
  function switchLanguage(language) {
    state.ui = language;
    state.chosenLang = true;
    writeStore();
    applyStrings();
  }
  // Follow the host page's <html lang> if it changes (single-page sites), unless fixed or chosen.
  if (window.MutationObserver) {
    new MutationObserver(function () {
      if (fixedLang || state.chosenLang) return;
      if (pageLang() !== state.ui) { state.ui = pageLang(); applyStrings(); }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  }

  // ---------------------------------------------------------------- opening and closing
  function openPanel(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("open");
    root.classList.remove("unread");
    unreadHint.hidden = true;
    scrollToEnd();
    if (focus) input.focus();
  }
  function closePanel(returnFocus) {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("open");
    if (returnFocus) launcher.focus();
  }
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      event.stopPropagation();
      closePanel(true);
    }
  });

  // ---------------------------------------------------------------- messages
  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }
  // After a reply: the end of the log, unless that hides the start of the turn (a long answer
  // is read from its beginning, with the question above it).
  function reveal(anchor) {
    if (!anchor || !anchor.parentNode) return scrollToEnd();
    var top = log.scrollTop + anchor.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    log.scrollTop = Math.min(log.scrollHeight - log.clientHeight, Math.max(0, top));
  }

  // One bubble. m: {sender, text, lang, time, buttons, outcome, describedBy, feedbackEntry, id}
  function addMessage(m) {
    var textId = nextId("m");
    var bubble = el("div", {
      class: "msg " + m.sender,
      lang: m.lang,
      "data-sender": m.sender,
      "data-outcome": m.outcome || null,
      "data-id": m.id || null
    });
    var who = el("span", { class: m.sender === "staff" ? "who" : "who sr-only", "data-i18n": "who", "data-sender": m.sender, lang: state.ui, text: S(m.sender) });
    bubble.appendChild(who);
    bubble.appendChild(el("span", { class: "sr-only", text: " : " }));
    var text = el("p", { class: "text", id: textId });
    appendLinkified(text, m.text);
    bubble.appendChild(text);
    if (m.buttons && m.buttons.length) {
      var group = el("div", {
        class: "choices",
        role: "group",
        "data-i18n": "choices",
        "data-i18n-attr": "aria-label",
        "aria-label": S("choices"),
        lang: state.ui
      });
      // Consent notices and form questions: screen readers read the notice with the choices.
      var describedBy = m.describedBy ? m.describedBy.concat([textId]).join(" ") : null;
      if (describedBy) group.setAttribute("aria-describedby", describedBy);
      m.buttons.forEach(function (b) {
        group.appendChild(el("button", {
          type: "button",
          class: "quick",
          lang: m.lang,
          "data-payload": b.payload,
          "aria-describedby": describedBy,
          text: b.title,
          // The chosen button is retired with the reply: keep the focus in the conversation.
          onclick: function () { if (send(b.payload, b.title, m.lang)) input.focus(); }
        }));
      });
      bubble.appendChild(group);
    }
    var meta = el("div", { class: "meta" });
    var time = m.time || new Date();
    meta.appendChild(el("time", { datetime: time.toISOString(), lang: state.ui, text: formatTime(time) }));
    if (m.feedbackEntry) meta.appendChild(feedbackButtons(m.feedbackEntry));
    bubble.appendChild(meta);
    log.appendChild(bubble);
    state.messages.push({ sender: m.sender, text: m.text, time: time, lang: m.lang });
    bubble.__textId = textId;
    if (intro.parentNode) intro.hidden = true;
    scrollToEnd();
    return bubble;
  }

  function feedbackButtons(kbEntry) {
    var conversationId = state.conversationId;
    var group = el("div", { class: "feedback", role: "group", "data-i18n": "feedback", "data-i18n-attr": "aria-label", "aria-label": S("feedback"), lang: state.ui });
    var status = el("span", { class: "feedback-status" });
    function vote(value, button) {
      var other = button === up ? down : up;
      var before = [up.getAttribute("aria-pressed"), down.getAttribute("aria-pressed")];
      button.setAttribute("aria-pressed", "true");
      other.setAttribute("aria-pressed", "false");
      request("POST", "/api/feedback", { conversation_id: conversationId, kb_entry: kbEntry, value: value })
        .then(function (result) {
          if (!result.ok) throw new Error("feedback");
          status.textContent = "";
          announce(S("thanks"));
        })
        .catch(function () {
          up.setAttribute("aria-pressed", before[0]);
          down.setAttribute("aria-pressed", before[1]);
          status.textContent = S("feedbackError");
          status.setAttribute("lang", state.ui);
        });
    }
    var up = el("button", { type: "button", class: "vote up", "aria-pressed": "false", "data-i18n": "useful", "data-i18n-attr": "aria-label", "aria-label": S("useful"), lang: state.ui, onclick: function () { vote("up", up); } }, [icon(THUMB_UP)]);
    var down = el("button", { type: "button", class: "vote down", "aria-pressed": "false", "data-i18n": "notUseful", "data-i18n-attr": "aria-label", "aria-label": S("notUseful"), lang: state.ui, onclick: function () { vote("down", down); } }, [icon(THUMB_DOWN)]);
    group.appendChild(up);
    group.appendChild(down);
    group.appendChild(status);
    return group;
  }

  // Only the latest turn's choices stay active.
  function retireChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices button"), function (b) { b.disabled = true; });
  }

  function renderTurn(reply, question) {
    var messages = reply.messages || [];
    var conversational = reply.outcome === "escalate" || reply.outcome === "form";
    var textIds = [];
    retireChoices();
    if (messages.length && banner.getAttribute("data-key") === "back") setStatus("bot"); // seen: done
    messages.forEach(function (message, index) {
      var last = index === messages.length - 1;
      var bubble = addMessage({
        sender: "bot",
        text: message.text,
        lang: reply.language,
        time: new Date(),
        buttons: message.buttons,
        outcome: reply.outcome,
        describedBy: conversational ? textIds.slice() : null,
        feedbackEntry: last && reply.outcome === "answer" && reply.kb_entries && reply.kb_entries[0]
      });
      textIds.push(bubble.__textId);
    });
    reveal(question);
  }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function setTyping(on) {
    typing.classList.toggle("on", on);
    typingText.textContent = on ? S("typing") : "";
  }

  // ---------------------------------------------------------------- talking to the API
  function request(method, path, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = window.setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    var options = {
      method: method,
      headers: { Accept: "application/json" },
      credentials: "omit",
      signal: controller ? controller.signal : undefined
    };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(apiBase + path, options)
      .then(function (response) {
        if (response.status === 204) return { ok: true, status: 204, body: null };
        var retryAfter = parseInt(response.headers.get("Retry-After") || "", 10);
        return response.json().catch(function () { return null; }).then(function (json) {
          return { ok: response.ok, status: response.status, body: json, retryAfter: retryAfter > 0 ? retryAfter : 0 };
        });
      }, function (error) {
        return { ok: false, status: 0, body: null, timeout: !!(error && error.name === "AbortError") };
      })
      .then(function (result) {
        window.clearTimeout(timer);
        return result;
      });
  }

  // send(text to send, text to show, language of the shown text)
  function send(text, shown, shownLang, retry) {
    if (state.sending) return false;
    var pending;
    if (retry && state.failed) {
      pending = state.failed;
      if (pending.error && pending.error.parentNode) pending.error.parentNode.removeChild(pending.error);
      pending.bubble.classList.remove("failed");
      var mark = pending.bubble.querySelector(".not-sent");
      if (mark) mark.parentNode.removeChild(mark);
    } else {
      pending = {
        text: text,
        shown: shown || text,
        typed: !shown,
        clientMessageId: newClientId(),
        bubble: addMessage({ sender: "visitor", text: shown || text, lang: shownLang || state.ui, time: new Date() })
      };
      if (state.failed && state.failed.error) disableRetry(state.failed.error);
    }
    state.failed = null;
    state.sending = true;
    setTyping(true);
    form.setAttribute("aria-busy", "true");
    var body = {
      text: pending.text,
      conversation_id: state.conversationId,
      language: state.ui,
      client_message_id: pending.clientMessageId,
      timezone: timezone()
    };
    request("POST", "/api/chat", body).then(function (result) {
      state.sending = false;
      setTyping(false);
      form.removeAttribute("aria-busy");
      if (result.ok && result.body && result.body.conversation_id) {
        var reply = result.body;
        var isNew = state.conversationId !== reply.conversation_id;
        state.conversationId = reply.conversation_id;
        state.conversationLang = reply.language;
        writeStore();
        renderTurn(reply, pending.bubble);
        if (isNew) closeEvents();
        openEvents();
        return;
      }
      failed(pending, result);
    });
    return true;
  }

  function failed(pending, result) {
    var error = result.body && result.body.error;
    var retryable = result.status === 0 || result.status === 503 || result.status >= 500 || result.status === 404 || result.status === 429;
    if (error && error.code === "conversation_not_found") {
      forgetConversation(); // the next attempt starts a new conversation
    } else if (error && error.conversation_id && !state.conversationId) {
      state.conversationId = error.conversation_id; // the message is stored there: retry in it
      writeStore();
    }
    var message = error && error.message
      ? error.message
      : result.timeout ? S("slow") : result.status === 0 ? S("offline") : S("failed");
    pending.bubble.classList.add("failed");
    pending.bubble.querySelector(".meta").appendChild(el("span", { class: "not-sent", "data-i18n": "notSent", lang: state.ui, text: S("notSent") }));
    // A 429 (too many messages) is written in the language the widget sent: its own.
    var limited = result.status === 429;
    var messageLang = error && error.message && !limited ? state.conversationLang || state.ui : state.ui;
    var box = el("div", { class: "msg error", role: "alert", lang: messageLang });
    box.appendChild(el("p", { class: "text", text: message }));
    if (retryable) {
      var retryButton = el("button", {
        type: "button",
        class: "retry",
        "data-i18n": "retry",
        lang: state.ui,
        text: S("retry"),
        onclick: function () { send(null, null, null, true); }
      });
      box.appendChild(retryButton);
      if (limited && result.retryAfter && result.retryAfter <= 120) {
        // Retrying sooner would only be refused again: the button waits for Retry-After.
        retryButton.disabled = true;
        window.setTimeout(function () { if (state.failed === pending) retryButton.disabled = false; }, result.retryAfter * 1000);
      }
    }
    log.appendChild(box);
    pending.error = box;
    state.failed = retryable ? pending : null;
    // The typed text is never lost: back in the box unless something new was typed meanwhile.
    if (pending.typed && !input.value.trim()) input.value = pending.text;
    scrollToEnd();
  }
  function disableRetry(box) {
    Array.prototype.forEach.call(box.querySelectorAll(".retry"), function (b) { b.disabled = true; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || state.sending) return;
    var sent;
    if (state.failed && state.failed.typed && state.failed.text === text) {
      sent = send(null, null, null, true); // the same message again: same client_message_id
    } else {
      sent = send(text.slice(0, MAX_LENGTH));
    }
    if (sent) input.value = "";
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  // ---------------------------------------------------------------- live staff messages (SSE)
  function openEvents() {
    if (!state.conversationId || state.source || !window.EventSource) return;
    var url = apiBase + "/api/conversations/" + encodeURIComponent(state.conversationId) + "/events?after=" + state.lastEventId;
    var source = new EventSource(url);
    state.source = source;
    source.addEventListener("status", function (event) {
      var value = parseJson(event.data);
      if (value && value.status) setStatus(value.status);
    });
    source.addEventListener("message", function (event) {
      var value = parseJson(event.data);
      if (!value || !value.id || state.seen[value.id]) return;
      pushed(value);
    });
    source.addEventListener("error", function () {
      // EventSource reconnects by itself; if it gave up (e.g. an HTTP error), try again later.
      if (source.readyState === 2 && state.source === source) {
        state.source = null;
        window.clearTimeout(state.sourceRetry);
        state.sourceRetry = window.setTimeout(openEvents, 15000);
      }
    });
  }
  function closeEvents() {
    window.clearTimeout(state.sourceRetry);
    if (state.source) state.source.close();
    state.source = null;
  }
  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }
  function pushed(m) {
    state.seen[m.id] = true;
    state.lastEventId = Math.max(state.lastEventId, m.id);
    var sender = m.sender === "staff" ? "staff" : "system";
    addMessage({ sender: sender, text: String(m.text || ""), lang: state.conversationLang || guessLang(m.text, state.ui), time: parseTime(m.created_at), id: m.id });
    if (panel.hidden) {
      root.classList.add("unread");
      unreadHint.hidden = false;
    }
  }
  function setStatus(status) {
    var previous = state.status;
    state.status = status;
    var key = status === "handoff" ? "joined" : status === "closed" ? "closed" : previous === "handoff" ? "back" : null;
    if (key) {
      banner.setAttribute("data-key", key);
      banner.setAttribute("lang", state.ui);
      banner.textContent = S(key);
      banner.className = "banner " + status;
      banner.hidden = false;
    } else {
      banner.removeAttribute("data-key");
      banner.textContent = "";
      banner.hidden = true;
    }
    root.classList.toggle("handoff", status === "handoff");
  }

  // ---------------------------------------------------------------- persistence
  function clearPanel() {
    Array.prototype.slice.call(log.children).forEach(function (child) {
      if (child !== intro) log.removeChild(child);
    });
    intro.hidden = false;
    state.messages = [];
    state.seen = {};
    state.lastEventId = 0;
    state.failed = null;
    setStatus("bot");
  }
  function forgetConversation() {
    closeEvents();
    state.conversationId = null;
    state.conversationLang = null;
    writeStore();
  }

  function restore(conversationId) {
    state.conversationId = conversationId;
    log.setAttribute("aria-busy", "true");
    return request("GET", "/api/conversations/" + encodeURIComponent(conversationId)).then(function (result) {
      log.removeAttribute("aria-busy");
      if (state.conversationId !== conversationId) return; // started over meanwhile
      if (result.status === 404) {
        forgetConversation();
        return;
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.messages)) {
        var box = el("div", { class: "msg error", role: "alert", lang: state.ui }, [
          el("p", { class: "text", "data-i18n": "restoreFailed", text: S("restoreFailed") }),
          el("button", {
            type: "button",
            class: "retry",
            "data-i18n": "retry",
            text: S("retry"),
            onclick: function () { log.removeChild(box); restore(conversationId); }
          })
        ]);
        log.appendChild(box);
        return;
      }
      renderTranscript(result.body.messages);
      openEvents();
    });
  }

  function renderTranscript(messages) {
    var titles = {}; // payload → the title of the button that sent it
    var fallback = state.ui;
    var textIds = [];
    var lastBot = null;
    messages.forEach(function (m, index) {
      var sender = ["visitor", "bot", "staff", "system"].indexOf(m.sender) >= 0 ? m.sender : "system";
      var next = messages[index + 1];
      var endsTurn = !next || next.sender !== "bot"; // thumbs go after a turn's last bubble, as live
      var text = String(m.text || "");
      var lang = normalLang(m.language) || guessLang(text, fallback);
      if (sender === "visitor" && titles[text]) {
        lang = titles[text].lang;
        text = titles[text].title;
      }
      if (sender === "bot") {
        fallback = lang;
        state.conversationLang = lang;
      } else {
        textIds = [];
      }
      var buttons = sender === "visitor" ? [] : m.buttons || [];
      buttons.forEach(function (b) { titles[b.payload] = { title: b.title, lang: lang }; });
      var bubble = addMessage({
        sender: sender,
        text: text,
        lang: lang,
        time: parseTime(m.created_at),
        buttons: buttons,
        outcome: m.outcome || null,
        describedBy: m.outcome === "escalate" || m.outcome === "form" ? textIds.slice() : null,
        feedbackEntry: sender === "bot" && endsTurn && m.outcome === "answer" && m.kb_entries && m.kb_entries[0],
        id: m.id
      });
      if (sender === "bot") { textIds.push(bubble.__textId); lastBot = bubble; }
      if (m.id && sender !== "visitor" && sender !== "bot") state.seen[m.id] = true;
      if (m.id) state.lastEventId = Math.max(state.lastEventId, m.id);
    });
    retireChoices();
    var last = log.lastElementChild;
    if (last && last === lastBot) {
      Array.prototype.forEach.call(last.querySelectorAll(".choices button"), function (b) { b.disabled = false; });
    }
    scrollToEnd();
  }

  // Another tab started, restored or erased a conversation.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORE_KEY && event.key !== null) return;
    var value = readStore();
    var id = value && value.conversation_id;
    if (value && normalLang(value.lang) && normalLang(value.lang) !== state.ui) {
      state.ui = normalLang(value.lang);
      state.chosenLang = true;
      applyStrings();
    }
    if ((id || null) === state.conversationId || state.sending) return;
    closeEvents();
    clearPanel();
    state.conversationId = null;
    if (id) restore(id);
  });

  // ---------------------------------------------------------------- transcript download, start over
  function downloadTranscript() {
    var lines = [S("fileTitle"), S("fileExported") + " " + new Date().toLocaleString(S("locale")), ""];
    state.messages.forEach(function (m) {
      lines.push("[" + m.time.toLocaleString(S("locale")) + "] " + S(m.sender) + " : " + m.text.replace(/\n/g, "\n    "));
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var day = new Date().toISOString().slice(0, 10);
    var a = el("a", { href: url, download: S("fileName") + "-" + day + ".txt", class: "sr-only", tabindex: "-1" });
    shadow.appendChild(a);
    a.click();
    shadow.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function startOver() {
    closeEvents();
    state.conversationId = null;
    state.conversationLang = null;
    state.chosenLang = false;
    clearStore();
    clearPanel();
    input.value = "";
    announce(S("restarted"));
    input.focus();
  }

  // ---------------------------------------------------------------- start
  applyStrings();
  document.body.appendChild(host);
  if (stored && typeof stored.conversation_id === "string" && stored.conversation_id) {
    restore(stored.conversation_id);
  }
  if (data.open === "true") openPanel(false);
})();
