// Minimal chat page: every text is inserted with textContent (never innerHTML).
(function () {
  "use strict";
  const lang = document.documentElement.lang === "en" ? "en" : "fr";
  const L = {
    fr: { thinking: "L'assistant écrit…", error: "Le service ne répond pas. Votre texte est conservé : réessayez." },
    en: { thinking: "The assistant is typing…", error: "The service is not responding. Your text is kept: please try again." },
  };
  const transcript = document.getElementById("transcript");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const status = document.getElementById("status");
  let conversationId = null;
  let language = lang;

  function addText(parent, text) {
    // Turn URLs into links without ever parsing HTML.
    const parts = text.split(/(https?:\/\/[^\s)]+)/g);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        const a = document.createElement("a");
        a.href = part.replace(/[.,;:]+$/, "");
        a.textContent = part;
        a.rel = "noopener";
        a.target = "_blank";
        parent.appendChild(a);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(sender, text, buttons, messageLang) {
    const li = document.createElement("li");
    li.className = sender;
    li.lang = messageLang || language;
    addText(li, text);
    if (buttons && buttons.length) {
      const box = document.createElement("div");
      box.className = "buttons";
      buttons.forEach(function (b) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        box.appendChild(button);
      });
      li.appendChild(box);
    }
    transcript.appendChild(li);
    li.scrollIntoView({ block: "end" });
  }

  async function send(text, shownText) {
    addMessage("visitor", shownText || text);
    status.textContent = L[language].thinking;
    const clientMessageId = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now());
    try {
      const controller = new AbortController();
      const timer = setTimeout(function () { controller.abort(); }, 8000);
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text, conversation_id: conversationId, language: language, client_message_id: clientMessageId }),
        signal: controller.signal,
      });
      clearTimeout(timer);
      const data = await response.json();
      if (!response.ok) {
        if (data.error && data.error.conversation_id) conversationId = data.error.conversation_id;
        addMessage("error", (data.error && data.error.message) || L[language].error);
        return false;
      }
      conversationId = data.conversation_id;
      language = data.language;
      data.messages.forEach(function (m) { addMessage("bot", m.text, m.buttons, data.language); });
      transcript.dataset.outcome = data.outcome;
      return true;
    } catch (e) {
      addMessage("error", L[language].error);
      return false;
    } finally {
      status.textContent = "";
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    const ok = await send(text);
    if (!ok) input.value = text;
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
})();
