// Display board of a hall (docs/display.md): renders the state the page was built with,
// follows the live feed (server-sent events) and announces new calls, one at a time.
// A file of its own, no libraries and no build step: the CSP forbids inline scripts.
// Words shown to people come from <template id="board-texts">, never from this file.
"use strict";

(() => {
  const CALL_KINDS = new Set(["called", "recalled", "resumed"]);
  const CLEARING_KINDS = new Set(["finished", "no_show", "parked", "transferred"]);
  const MAX_AGE_MS = 120 * 1000; // calls older than this (vs the newest event seen) stay silent
  const RECONNECT_MS = 3000; // a new EventSource (or state) after the browser gave up on the old one
  const RELOAD_SPREAD_MS = 60 * 1000; // boards reload within a minute after midnight, not all at once
  const RELOAD_RETRY_MS = 5000; // the page did not answer: the board keeps what it shows, tries again
  const VOICE_WAIT_MS = 3000; // voices load asynchronously; after this, chime only
  const SPEECH_GUARD_MS = 20000; // a voice that never ends does not block the queue
  const CHIME_MS = 750; // the two tones
  const CHIME_ONLY_MS = 1000; // one announcement without a voice (chime, flash)
  const GATHER_MS = 150; // a burst (backlog after an outage) is seen whole before speaking
  const GAP_MS = 600; // pause between announcements
  const FLASH_MS = 3200; // matches the animation in board.css
  const CLOCK_MS = 10000;
  const DEFAULT_RECENT = 8;
  const DENSITY = [12, 20, 35, 60]; // most counters per tile size: none, density-1, -2, -3 (board.css)
  const REMEMBERED_IDS = 300; // announced ids kept in sessionStorage
  const MAX_PENDING = 100; // ids a board asks the feed to wait for, at most (live.py)
  const HANDLED_IDS = 5000; // ids handled, against repeats (a replay goes back seconds, not hours)
  const KEPT = 2000; // entries kept in the lists exposed for tests (a board runs for days)

  const body = document.body;
  const liveUrl = body.dataset.liveUrl || "";
  const stateUrl = body.dataset.stateUrl || "";
  const zone = body.dataset.zone || "";
  const timeZone = body.dataset.timeZone || undefined;
  const $ = (id) => document.getElementById(id);
  const nowEl = $("now-calling");
  const counterList = $("counter-list");
  const recentList = $("recent-list");
  const statusEl = $("board-status");
  const clockEl = $("board-clock");
  const soundButton = $("sound-on");

  // Texts -------------------------------------------------------------------------------
  const texts = {};
  const textTemplate = $("board-texts");
  if (textTemplate) {
    for (const el of textTemplate.content.querySelectorAll("[data-key]")) {
      texts[el.dataset.key] = el.textContent.trim();
    }
  }
  const text = (key) => texts[key] || "";

  // State --------------------------------------------------------------------------------
  let initial = {};
  try {
    initial = JSON.parse($("board-state").textContent) || {};
  } catch (error) {
    initial = {};
  }
  const site = initial.site || body.dataset.site || "";
  // The state includes every event up to `position`, except the ids in `pending`: ids are
  // given out before their transactions commit, so a lower id can still come after a
  // higher one (docs/display.md, "Out of order"). Events are told apart by id, never by order.
  let position = 0;
  const pending = new Set();
  let cursor = 0; // where the feed resumes: the SSE id ("<id>" or "<id>:<id>,<id>") of the last message
  let cursorGaps = []; // ... and the ids below it that may still come
  let boardDay = ""; // the hall's date (YYYY-MM-DD) the state was built for
  const handledIds = new Set();
  let newestAt = 0; // newest server timestamp seen (ms), never the TV's own clock
  // The server's clock, as of the page load: TVs' clocks are often wrong, and after a
  // long outage the newest event seen may itself be old.
  const serverAtLoad = Date.parse(initial.now);
  const serverOffset = Number.isNaN(serverAtLoad) ? 0 : serverAtLoad - Date.now();
  const serverNow = () => Date.now() + serverOffset;
  const counters = {}; // counter_id -> {counter_id, counter, zone, agency, code, status}
  let nowCall = null; // {id, kind, at, code, counter, counter_id, agency}
  let recent = [];
  let recentLimit = DEFAULT_RECENT;

  const api = {
    handled: [], // ids of the events handled, in order
    announced: [], // ids accepted for announcement (played or waiting), in order
    spoken: [], // texts passed to speechSynthesis or to the chime-only fallback, in order
    timeline: [], // {id, text, mode: "voice" | "chime", start, end} (performance.now())
    resets: 0, // states fetched again because the feed said so
    state: counters,
    handle: (payload) => handle(payload),
  };
  Object.defineProperties(api, {
    lastEventId: { get: () => Math.max(cursor, position), enumerable: true },
    pending: { get: () => [...pending], enumerable: true },
    queued: { get: () => queue.map((item) => item.id), enumerable: true },
    now: { get: () => nowCall && { ...nowCall }, enumerable: true },
    recent: { get: () => recent.map((call) => call.code), enumerable: true },
  });
  window.mppBoard = api;
  const record = (list, value) => {
    list.push(value);
    if (list.length > KEPT) list.splice(0, list.length - KEPT);
  };
  function markHandled(id) {
    handledIds.add(id);
    for (const old of handledIds) {
      if (handledIds.size <= HANDLED_IDS) break;
      handledIds.delete(old);
    }
  }

  const timeOf = (payload) => {
    const ms = Date.parse(payload && payload.at);
    return Number.isNaN(ms) ? null : ms;
  };
  const seen = (ms) => {
    if (ms !== null && ms > newestAt) newestAt = ms;
  };
  const callOf = (p) => ({
    id: p.id,
    kind: p.kind,
    at: p.at,
    code: p.code,
    counter: p.counter,
    counter_id: p.counter_id,
    agency: p.agency,
  });

  // The board's starting point: the page's state, or the state fetched again after a reset.
  function applyState(state) {
    position = Number(state.last_event_id) || 0;
    cursor = position;
    cursorGaps = [];
    pending.clear();
    for (const id of Array.isArray(state.pending_event_ids) ? state.pending_event_ids : []) {
      if (Number.isFinite(Number(id))) pending.add(Number(id));
    }
    boardDay = typeof state.day === "string" ? state.day : "";
    for (const key of Object.keys(counters)) delete counters[key];
    for (const c of Array.isArray(state.counters) ? state.counters : []) {
      counters[String(c.counter_id)] = {
        counter_id: c.counter_id,
        counter: String(c.counter),
        zone: c.zone || "",
        agency: c.agency || "",
        code: c.code || null,
        status: c.code ? c.status || "called" : null,
      };
    }
    const stateRecent = Array.isArray(state.recent) ? state.recent : [];
    recentLimit = Number(state.recent_limit) || Math.max(stateRecent.length, DEFAULT_RECENT);
    recent = [];
    for (const p of stateRecent) {
      seen(timeOf(p));
      if (!recent.some((call) => call.code === p.code)) recent.push(callOf(p));
    }
    recent = recent.slice(0, recentLimit);
    nowCall = recent[0] || null;
  }
  applyState(initial);

  // Rendering ----------------------------------------------------------------------------
  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  };
  const counterLabel = (number) => `${text("counter")} ${number}`.trim();
  const byNumber = (a, b) =>
    String(a.counter).localeCompare(String(b.counter), undefined, { numeric: true, sensitivity: "base" });

  function renderNow() {
    nowEl.replaceChildren();
    if (!nowCall) {
      nowEl.classList.add("is-empty");
      nowEl.removeAttribute("data-code");
      nowEl.append(el("p", "now-empty", text("empty")));
      return;
    }
    nowEl.classList.remove("is-empty");
    nowEl.dataset.code = nowCall.code;
    const where = el("p", "now-where");
    where.append(el("span", "now-counter", counterLabel(nowCall.counter)), " ");
    where.append(el("span", "now-agency", nowCall.agency));
    nowEl.append(el("p", "now-code", nowCall.code), where);
  }

  function renderRecent() {
    // The call shown big under "Now calling" is not repeated as an earlier call; a later
    // entry for the same number (a journey's next step) is a new call and stays listed.
    const items = recent.filter((call) => call !== nowCall).map((call) => {
      const li = el("li", "recent-item");
      li.dataset.code = call.code;
      const where = el("span", "recent-where");
      if (call.next) {
        li.classList.add("is-next");
        where.append(el("span", "recent-counter", text("next")), " ");
        where.append(el("span", "recent-agency", call.next));
      } else {
        where.append(el("span", "recent-counter", counterLabel(call.counter)), " ");
        where.append(el("span", "recent-agency", call.agency));
      }
      li.append(el("span", "recent-code", call.code), " ", where);
      return li;
    });
    recentList.replaceChildren(...items);
    recentList.classList.toggle("is-empty", items.length === 0);
  }

  const counterNodes = new Map(); // counter_id -> <li>

  function renderCounter(c) {
    const key = String(c.counter_id);
    let li = counterNodes.get(key);
    if (!li) {
      li = el("li", "counter-item");
      li.dataset.counterId = key;
      counterNodes.set(key, li);
    }
    li.classList.toggle("is-called", c.status === "called");
    li.classList.toggle("is-serving", c.status === "serving");
    li.classList.toggle("is-idle", !c.code);
    if (c.code) li.dataset.code = c.code;
    else li.removeAttribute("data-code");
    const number = el("p", "counter-no", counterLabel(c.counter));
    const agency = el("p", "counter-agency", c.agency);
    const code = el("p", "counter-code");
    if (c.code) {
      code.textContent = c.code;
    } else {
      code.classList.add("is-empty");
      code.append(el("span", "dash", "\u2013"), el("span", "visually-hidden", text("idle")));
      code.firstChild.setAttribute("aria-hidden", "true");
    }
    const state = el("p", "counter-state", c.code ? text(c.status === "serving" ? "serving" : "called") : "");
    li.replaceChildren(number, agency, code, state);
    return li;
  }

  function renderCounters() {
    const all = Object.values(counters).sort(byNumber);
    counterList.replaceChildren(...all.map(renderCounter));
    // Denser tiles for bigger halls (board.css): all counters stay on one screen.
    const found = DENSITY.findIndex((most) => all.length <= most);
    const level = found < 0 ? DENSITY.length - 1 : found;
    for (let n = 1; n < DENSITY.length; n++) counterList.classList.toggle(`density-${n}`, n === level);
  }

  const flashTimers = new WeakMap();

  function flash(node) {
    if (!node) return;
    node.classList.remove("flash");
    void node.offsetWidth; // restart the animation
    node.classList.add("flash");
    clearTimeout(flashTimers.get(node));
    flashTimers.set(node, setTimeout(() => node.classList.remove("flash"), FLASH_MS));
  }

  function flashCode(code) {
    if (nowEl.dataset.code === code) flash(nowEl);
    else flash(recentList.querySelector(`[data-code="${CSS.escape(code)}"]`));
  }

  // Events -------------------------------------------------------------------------------
  function handle(input) {
    let p = input;
    if (typeof p === "string") {
      try {
        p = JSON.parse(p);
      } catch (error) {
        return false;
      }
    }
    const id = Number(p && p.id);
    if (!Number.isFinite(id) || handledIds.has(id)) return false; // seen already (a replay)
    if (id <= position && !pending.has(id)) return false; // in the state already
    markHandled(id);
    pending.delete(id);
    record(api.handled, id);
    const at = timeOf(p);
    seen(at);
    // Yesterday's leftover ticket: numbers start again each day, its A001 is not today's.
    if (p.day && boardDay && p.day < boardDay) return true;
    if (zone && p.zone && p.zone !== zone) return true; // another floor's counter
    const key = String(p.counter_id);
    let c = counters[key];
    if (!c && p.counter_id !== null && p.counter_id !== undefined && CALL_KINDS.has(p.kind)) {
      c = counters[key] = {
        counter_id: p.counter_id,
        counter: String(p.counter),
        zone: p.zone || "",
        agency: p.agency || "",
        code: null,
        status: null,
      };
    }
    if (CALL_KINDS.has(p.kind)) {
      if (c) {
        c.code = p.code;
        c.status = "called";
      }
      nowCall = callOf(p);
      recent = [nowCall, ...recent.filter((call) => call.code !== p.code)].slice(0, recentLimit);
      renderNow();
      renderRecent();
      renderCounters();
      flash(nowEl);
      if (c) flash(counterNodes.get(key));
      if (p.speech) announce({ id, at, code: p.code, text: String(p.speech) });
    } else if (p.kind === "started") {
      if (c) {
        c.code = p.code;
        c.status = "serving";
        renderCounters();
      }
    } else if (CLEARING_KINDS.has(p.kind)) {
      if (c && c.code === p.code) {
        c.code = null;
        c.status = null;
        renderCounters();
      }
    } else if (p.kind === "next_step" && p.next_agency) {
      // A journey goes on: the visitor keeps the number and goes to the next agency.
      recent = [{ ...callOf(p), next: String(p.next_agency) }, ...recent.filter((call) => call.code !== p.code)]
        .slice(0, recentLimit);
      renderRecent();
    }
    return true;
  }

  // Voice --------------------------------------------------------------------------------
  const storageKey = `mpp-board-announced:${site}:${zone}`;
  const announcedIds = new Set();
  try {
    for (const id of JSON.parse(sessionStorage.getItem(storageKey) || "[]")) announcedIds.add(Number(id));
  } catch (error) {
    // no storage (private mode, policy): the in-memory set still guards this page
  }
  function remember(id) {
    announcedIds.add(id);
    for (const old of announcedIds) {
      if (announcedIds.size <= REMEMBERED_IDS) break;
      announcedIds.delete(old); // far older ids can no longer arrive: handle() skips them
    }
    try {
      sessionStorage.setItem(storageKey, JSON.stringify([...announcedIds]));
    } catch (error) {
      // storage full or refused: keep going
    }
  }

  const queue = [];
  let playing = false;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const stale = (item) =>
    item.at !== null && Math.max(newestAt, Number.isNaN(serverAtLoad) ? 0 : serverNow()) - item.at > MAX_AGE_MS;

  function announce(item) {
    if (announcedIds.has(item.id) || stale(item)) return;
    remember(item.id);
    record(api.announced, item.id);
    queue.push(item);
    pump();
  }

  async function pump() {
    if (playing) return;
    playing = true;
    try {
      await sleep(GATHER_MS);
      while (queue.length) {
        const item = queue.shift();
        if (stale(item)) {
          // A much newer event arrived meanwhile (a backlog after an outage): shown, not spoken.
          const at = api.announced.lastIndexOf(item.id);
          if (at >= 0) api.announced.splice(at, 1);
          continue;
        }
        await play(item);
        await sleep(GAP_MS);
      }
    } finally {
      playing = false;
    }
  }

  // Audio: a two-tone chime from oscillators, no audio files.
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  let audio = null;
  if (AudioContextClass) {
    try {
      audio = new AudioContextClass();
    } catch (error) {
      audio = null;
    }
  }
  const audible = () => audio !== null && audio.state === "running";

  function updateSoundButton() {
    if (soundButton) soundButton.hidden = !audio || audible();
  }
  if (audio) {
    audio.addEventListener("statechange", updateSoundButton);
    audio.resume().then(updateSoundButton, updateSoundButton);
    setTimeout(updateSoundButton, 500); // resume() stays pending while autoplay is refused
  }
  if (soundButton) {
    soundButton.addEventListener("click", () => {
      if (audio) audio.resume().then(updateSoundButton, updateSoundButton);
    });
  }

  function tone(frequency, at, duration) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + duration + 0.05);
  }

  function chime() {
    if (audible()) {
      const start = audio.currentTime + 0.02;
      tone(880, start, 0.3); // A5
      tone(659.25, start + 0.32, 0.4); // E5
    }
    return sleep(CHIME_MS); // a suspended context plays nothing and its clock stands still
  }

  // Speech: the display machine's own voices, Indonesian only.
  const synth = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window ? window.speechSynthesis : null;
  const voiceDeadline = performance.now() + VOICE_WAIT_MS;
  let voice = null;
  let utterance = null; // keep a reference: Chrome drops the events of a collected utterance

  function pickVoice() {
    if (!synth) return null;
    const indonesian = synth.getVoices().filter((v) => (v.lang || "").toLowerCase().startsWith("id"));
    const rank = (v) => (v.lang.toLowerCase().replace("_", "-") === "id-id" ? 0 : 1) + (v.localService ? 0 : 2);
    indonesian.sort((a, b) => rank(a) - rank(b));
    return indonesian[0] || null;
  }
  if (synth) {
    voice = pickVoice();
    synth.addEventListener("voiceschanged", () => {
      voice = pickVoice() || voice;
    });
  }

  function voiceReady() {
    if (!synth || voice) return Promise.resolve(voice);
    const wait = voiceDeadline - performance.now();
    if (wait <= 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = () => {
        synth.removeEventListener("voiceschanged", changed);
        clearTimeout(timer);
        resolve(voice);
      };
      const changed = () => {
        voice = pickVoice() || voice;
        if (voice) done();
      };
      const timer = setTimeout(done, wait);
      synth.addEventListener("voiceschanged", changed);
    });
  }

  function speak(sentence, chosen) {
    return new Promise((resolve) => {
      let guard = null;
      const done = () => {
        clearTimeout(guard);
        utterance = null;
        resolve();
      };
      const u = new SpeechSynthesisUtterance(sentence);
      u.voice = chosen;
      u.lang = chosen.lang;
      u.rate = 0.9;
      u.addEventListener("end", done, { once: true });
      u.addEventListener("error", done, { once: true });
      guard = setTimeout(() => {
        synth.cancel();
        done();
      }, SPEECH_GUARD_MS);
      utterance = u;
      if (synth.speaking || synth.pending) synth.cancel();
      synth.speak(u);
    });
  }

  async function play(item) {
    const start = performance.now();
    const chosen = await voiceReady();
    if (!chosen || !audible()) flashCode(item.code);
    updateSoundButton();
    await chime();
    let mode = "chime";
    record(api.spoken, item.text);
    if (chosen) {
      mode = "voice";
      await speak(item.text, chosen);
    } else {
      await sleep(Math.max(0, CHIME_ONLY_MS - (performance.now() - start)));
    }
    record(api.timeline, { id: item.id, text: item.text, mode, start, end: performance.now() });
  }

  // Feed ---------------------------------------------------------------------------------
  let source = null;

  function setStatus(key) {
    statusEl.textContent = text(key);
    statusEl.classList.toggle("is-online", key === "online");
    statusEl.classList.toggle("is-offline", key === "offline");
  }

  function feedUrl() {
    let url = `${liveUrl}?after=${Math.max(cursor, position)}`;
    if (zone) url += `&zone=${encodeURIComponent(zone)}`;
    const waiting = [...new Set([...pending, ...cursorGaps])].sort((a, b) => a - b).slice(-MAX_PENDING);
    if (waiting.length) url += `&pending=${waiting.join(",")}`;
    return url;
  }

  function resumeFrom(token) {
    const [head, gaps] = String(token || "").split(":");
    if (!/^[0-9]+$/.test(head)) return;
    cursor = Number(head);
    cursorGaps = (gaps || "").split(",").filter((id) => /^[0-9]+$/.test(id)).map(Number);
  }

  function connect() {
    if (!liveUrl || !("EventSource" in window)) {
      setStatus("offline");
      return;
    }
    const es = new EventSource(feedUrl());
    source = es;
    es.addEventListener("open", () => setStatus("online"));
    es.addEventListener("message", (event) => {
      handle(event.data);
      resumeFrom(event.lastEventId);
    });
    // The board was away too long for a replay: it starts over from the current state.
    es.addEventListener("reset", () => {
      es.close();
      if (source === es) source = null;
      restart();
    });
    es.addEventListener("error", () => {
      setStatus("offline");
      // The browser retries by itself (sending Last-Event-ID) unless it gave up for good.
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null;
        es.close();
        setTimeout(connect, RECONNECT_MS);
      }
    });
  }

  let restarting = false;
  async function restart() {
    if (restarting) return;
    restarting = true;
    try {
      const response = await fetch(stateUrl, { cache: "no-store", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`state: ${response.status}`);
      const state = await response.json();
      applyState(state);
      api.resets += 1;
      renderNow();
      renderRecent();
      renderCounters();
      restarting = false;
      connect();
    } catch (error) {
      restarting = false;
      setStatus("offline");
      setTimeout(restart, RECONNECT_MS);
    }
  }

  // Clock --------------------------------------------------------------------------------
  // Hours and minutes of the hall's time zone (not the TV's), written HH.MM.
  const clockOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn" };
  let clockFormat;
  try {
    clockFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { ...clockOptions, timeZone });
  } catch (error) {
    clockFormat = new Intl.DateTimeFormat(undefined, clockOptions); // unknown zone: the TV's own
  }
  // A new day starts with a fresh board (the morning's first call is not yesterday's last).
  let dayFormat;
  try {
    dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch (error) {
    dayFormat = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
  }
  const loadDay = dayFormat.format(new Date(serverNow()));
  // Reload only once the page answers: a reload while the server is away would leave the
  // TV on the browser's error page until someone walks up to it.
  let reloading = false;
  function reloadWhenReachable() {
    if (reloading) return;
    reloading = true;
    const attempt = () => {
      fetch(window.location.href, { cache: "no-store", headers: { Accept: "text/html" } })
        .then((response) => {
          if (!response.ok) throw new Error(`page: ${response.status}`);
          window.location.reload();
        })
        .catch(() => setTimeout(attempt, RELOAD_RETRY_MS));
    };
    setTimeout(attempt, Math.random() * RELOAD_SPREAD_MS);
  }
  function tick() {
    if (dayFormat.format(new Date(serverNow())) !== loadDay) {
      reloadWhenReachable();
    }
    const parts = clockFormat.formatToParts(new Date());
    const part = (type) => (parts.find((p) => p.type === type) || {}).value || "00";
    clockEl.textContent = `${part("hour")}.${part("minute")}`;
  }

  // Start --------------------------------------------------------------------------------
  renderNow();
  renderRecent();
  renderCounters();
  tick();
  setInterval(tick, CLOCK_MS);
  connect();
})();
