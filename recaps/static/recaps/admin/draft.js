// The recap form's local draft: what the editor types is kept in this browser (localStorage,
// one draft per form address: a recap's change form, or the add form) as they type, so a
// closed tab or a save that failed (the database away) loses no paragraph. Opening the form
// again brings the draft back with a notice and a way to discard it; a successful save clears
// it. The rich-text fields are django-prose-editor's: its textarea holds the HTML (the editor
// writes it there and fires "input" on every change), and its Tiptap editor, handed over in
// the "prose-editor:ready" event, is given the draft's HTML back.
(() => {
  const PREFIX = "episodic:recap-draft:";
  const PENDING = "episodic:recap-draft-sent";
  const editors = new Map();
  const restored = new Map();

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    editors.set(textarea.name, editor);
    if (restored.has(textarea.name)) setEditor(textarea.name, restored.get(textarea.name));
  });

  function setEditor(name, html) {
    const editor = editors.get(name);
    if (editor && editor.getHTML() !== html) editor.commands.setContent(html, { emitUpdate: false });
  }

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null; // storage off in this browser: the form works as before
    }
  }

  function fields(form) {
    return [...form.elements].filter(
      (field) =>
        field.name &&
        field.name !== "csrfmiddlewaretoken" &&
        !["file", "hidden", "submit", "button", "password"].includes(field.type) &&
        !field.disabled,
    );
  }

  function read(form) {
    const values = {};
    for (const field of fields(form)) {
      let value = field.value;
      if (field.type === "checkbox" || field.type === "radio") {
        if (!field.checked) continue;
      } else if (field.multiple) {
        value = [...field.selectedOptions].map((option) => option.value).join("\n");
      }
      values[field.name] = values[field.name] === undefined ? value : `${values[field.name]}\n${value}`;
    }
    return values;
  }

  function write(form, values) {
    for (const field of fields(form)) {
      const value = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = value !== undefined && value.split("\n").includes(field.value);
      } else if (field.multiple) {
        const chosen = (value || "").split("\n");
        for (const option of field.options) option.selected = chosen.includes(option.value);
      } else if (value !== undefined) {
        field.value = value;
        if (field.tagName === "TEXTAREA") {
          restored.set(field.name, value);
          setEditor(field.name, value);
        }
      }
    }
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function notice(form, text, actions) {
    let box = document.getElementById("recap-draft-notice");
    if (!box) {
      box = document.createElement("ul");
      box.id = "recap-draft-notice";
      box.className = "messagelist";
      box.setAttribute("role", "status");
      form.before(box);
    }
    const item = document.createElement("li");
    item.className = "warning";
    item.append(text);
    for (const [label, action] of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = label;
      button.addEventListener("click", action);
      item.append(" ", button);
    }
    box.replaceChildren(item);
  }

  function start() {
    const store = storage();
    if (!store) return;
    // A save sent from a form of ours: cleared once the admin says it was saved.
    const sent = sessionStorage.getItem(PENDING);
    if (sent && document.querySelector(".messagelist .success")) store.removeItem(sent);
    if (sent && !document.querySelector(".errornote")) sessionStorage.removeItem(PENDING);

    const form = document.getElementById("recap_form");
    if (!form) return;
    const key = PREFIX + location.pathname;
    // A form the admin sent back with errors holds what was typed, not what is stored: it is
    // all draft.
    const refused = Boolean(document.querySelector(".errornote"));
    const saved = refused ? null : read(form);
    let draft = null;
    try {
      draft = JSON.parse(store.getItem(key) || "null");
    } catch {
      store.removeItem(key);
    }
    if (draft && !refused && !same(draft.values, saved)) {
      write(form, draft.values);
      const when = new Date(draft.at).toLocaleString();
      notice(form, `Restored your unsaved changes from ${when}, kept in this browser. Save to keep them.`, [
        [
          "Discard the draft",
          () => {
            write(form, saved);
            store.removeItem(key);
            notice(form, "Draft discarded: the form shows the saved version.", []);
          },
        ],
      ]);
    } else if (draft && !refused) {
      store.removeItem(key);
    }

    let timer = null;
    const keep = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const values = read(form);
        try {
          if (same(values, saved)) store.removeItem(key);
          else store.setItem(key, JSON.stringify({ at: Date.now(), values }));
        } catch {
          // Storage full: the form still saves as before.
        }
      }, 300);
    };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    // The tab closing before the pause is over still keeps the last keystrokes.
    window.addEventListener("pagehide", () => {
      if (timer) {
        clearTimeout(timer);
        const values = read(form);
        if (!same(values, saved)) store.setItem(key, JSON.stringify({ at: Date.now(), values }));
      }
    });
    form.addEventListener("submit", () => sessionStorage.setItem(PENDING, key));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
