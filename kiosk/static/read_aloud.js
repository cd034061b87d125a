// Read aloud: the player plays the page one sentence at a time, as sound the server made with
// espeak-ng, and highlights each sentence while it is read.
//
// The server marks the sentences (kiosk/services/speech/sentences.py) when Play is first
// pressed: every piece of one is a <span data-sentence="N">, the first with its
// data-audio-key. The marks are put around the words already on screen, so nothing opened or
// typed on the page is lost. A glossary meaning inside staff text is a sentence set aside: it
// is read when the person opens the term. Without JavaScript the player is a link to the whole
// page as one sound file; every word it shows comes from the page, so this script holds no
// wording.

const READING = "app-sentence--reading";
const SENTENCE = "app-sentence";
const FAILURES_BEFORE_GIVING_UP = 3;

const isText = (node) => node.nodeType === Node.TEXT_NODE;
const isMark = (node) => node.nodeType === Node.ELEMENT_NODE && node.classList.contains(SENTENCE);

/** A node's children in parts: each run of text (with any marks in it) as one part. */
function partsOf(parent) {
  const parts = [];
  parent.childNodes.forEach((node) => {
    const last = parts[parts.length - 1];
    if ((isText(node) || isMark(node)) && Array.isArray(last)) last.push(node);
    else parts.push(isText(node) || isMark(node) ? [node] : node);
  });
  return parts;
}

/** Put the marked copy's sentence marks around the same words on the page, walking both side
 *  by side. Where the two differ (the page changed since), that part is left as it is. */
function markLike(live, copy) {
  const liveParts = partsOf(live);
  const copyParts = partsOf(copy);
  if (liveParts.length !== copyParts.length) return;
  liveParts.forEach((part, at) => {
    const copied = copyParts[at];
    if (Array.isArray(part) && Array.isArray(copied)) {
      const same = part.map((n) => n.textContent).join("") === copied.map((n) => n.textContent).join("");
      if (same && copied.some(isMark)) {
        part[0].replaceWith(...copied);
        part.slice(1).forEach((node) => node.remove());
      }
    } else if (part.nodeType === Node.ELEMENT_NODE && copied.nodeType === Node.ELEMENT_NODE
               && part.tagName === copied.tagName) {
      markLike(part, copied);
    }
  });
}

/** Ask the server for the page's sentences and mark them; false if that failed. */
async function markSentences(main, url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return false;
    const copy = document.createElement("template");
    copy.innerHTML = await response.text();
    markLike(main, copy.content);
    return true;
  } catch {
    return false;
  }
}

/** The page's sentences in order: their spans, audio key, and whether they are set aside. */
function sentencesIn(main) {
  const found = new Map();
  main.querySelectorAll("[data-sentence]").forEach((span) => {
    const number = Number(span.dataset.sentence);
    if (!found.has(number)) {
      found.set(number, { number, spans: [], key: "", aside: Boolean(span.closest(".app-term__meaning")) });
    }
    const sentence = found.get(number);
    sentence.spans.push(span);
    if (span.dataset.audioKey) sentence.key = span.dataset.audioKey;
  });
  return [...found.values()].sort((a, b) => a.number - b.number);
}

/** On screen now (not inside a closed part of the page). */
function shown(sentence) {
  return sentence.spans.some((span) => span.getClientRects().length > 0);
}

function startPlayer(root) {
  const main = document.getElementById("main-content");
  let all = [];
  let page = [];
  let marking = null; // the server's marks, asked for once

  const data = root.dataset;
  const playButton = root.querySelector("[data-action='play']");
  const playLabel = root.querySelector("[data-play-label]");
  const playIcon = root.querySelector("[data-play-icon]");
  const slower = root.querySelector("[data-action='slower']");
  const problem = root.querySelector("[data-problem-text]");
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  root.querySelector(".app-player__file").hidden = true;
  root.querySelector(".app-player__controls").hidden = false;

  let queue = page; // what is being read: the page, or a meaning set aside

  /** The page's sentences, marked the first time they are needed. */
  function sentencesReady() {
    if (!marking) {
      marking = markSentences(main, data.markedUrl).then((marked) => {
        all = sentencesIn(main);
        page = all.filter((sentence) => !sentence.aside);
        queue = page;
        return marked && page.length > 0;
      });
    }
    return marking;
  }
  let index = 0;
  let playing = false;
  let audio = null;
  let failures = 0;
  let resume = null; // where the page goes on after a meaning has been read
  const ready = new Map(); // sentence number -> its sound, asked for ahead of time

  const address = (sentence) => `${data.audioUrl}?${new URLSearchParams({ page: data.page, key: sentence.key })}`;
  const load = (sentence) => Object.assign(new Audio(address(sentence)), { preload: "auto" });
  const prepare = (sentence) => {
    if (sentence && !ready.has(sentence.number)) ready.set(sentence.number, load(sentence));
  };
  const soundOf = (sentence) => {
    const sound = ready.get(sentence.number) || load(sentence);
    ready.delete(sentence.number);
    return sound;
  };

  function show() {
    playLabel.textContent = playing ? data.labelPause : data.labelPlay;
    playIcon.src = playing ? data.iconPause : data.iconPlay;
  }

  function highlight(sentence) {
    main.querySelectorAll(`.${READING}`).forEach((span) => span.classList.remove(READING));
    if (!sentence) return;
    sentence.spans.forEach((span) => span.classList.add(READING));
    const box = sentence.spans[0].getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      sentence.spans[0].scrollIntoView({ block: "center", behavior: calm.matches ? "auto" : "smooth" });
    }
  }

  function silence() {
    if (!audio) return;
    audio.onended = null;
    audio.onerror = null;
    audio.pause();
    audio = null;
  }

  function playAt(wanted) {
    silence();
    let at = wanted;
    while (at < queue.length && !shown(queue[at])) at += 1;
    if (at >= queue.length) {
      finished();
      return;
    }
    index = at;
    playing = true;
    show();
    const sentence = queue[at];
    highlight(sentence);
    const sound = soundOf(sentence);
    audio = sound;
    sound.onended = () => {
      if (sound !== audio) return;
      failures = 0;
      playAt(index + 1);
    };
    sound.onerror = () => {
      if (sound === audio) failed();
    };
    sound.play().catch((error) => {
      if (sound === audio && error.name !== "AbortError") failed();
    });
    prepare(queue.slice(at + 1).find(shown));
    document.dispatchEvent(new CustomEvent("app:activity")); // listening is not idling
  }

  function failed() {
    failures += 1;
    if (failures < FAILURES_BEFORE_GIVING_UP) {
      playAt(index + 1);
      return;
    }
    silence();
    playing = false;
    show();
    highlight(null);
    problem.textContent = data.problem;
  }

  function finished() {
    silence();
    if (resume) {
      queue = page;
      index = resume.index;
      const carryOn = resume.playing;
      resume = null;
      if (carryOn) {
        playAt(index);
        return;
      }
    } else {
      index = 0;
    }
    playing = false;
    show();
    highlight(null);
  }

  function pause() {
    playing = false;
    if (audio) audio.pause();
    show();
  }

  playButton.addEventListener("click", async () => {
    problem.textContent = "";
    failures = 0;
    if (!(await sentencesReady())) {
      problem.textContent = data.problem;
      return;
    }
    if (playing) {
      pause();
    } else if (audio) {
      playing = true;
      show();
      audio.play().catch(() => failed());
    } else {
      playAt(index);
    }
  });
  root.querySelector("[data-action='next']").addEventListener("click", async () => {
    if (await sentencesReady()) playAt(index + 1);
  });
  root.querySelector("[data-action='previous']").addEventListener("click", async () => {
    if (!(await sentencesReady())) return;
    let at = index - 1;
    while (at > 0 && !shown(queue[at])) at -= 1;
    playAt(Math.max(at, 0));
  });

  slower.addEventListener("click", async () => {
    const speed = slower.getAttribute("aria-pressed") === "true" ? "normal" : "slower";
    slower.setAttribute("aria-pressed", String(speed === "slower"));
    const body = new URLSearchParams({ csrf_token: data.csrfToken, speed });
    const response = await fetch(data.speedUrl, { method: "POST", body, credentials: "same-origin" });
    if (!response.ok) {
      slower.setAttribute("aria-pressed", String(speed !== "slower"));
      return;
    }
    ready.clear();
    if (playing) playAt(index);
    else silence(); // Play starts the sentence again, at the new speed
  });

  // A glossary term opened in staff text: read its meaning, then carry on where the page was.
  main.addEventListener("toggle", async (event) => {
    const term = event.target;
    if (!term.open || !term.classList.contains("app-term") || !(await sentencesReady())) return;
    const meaning = all.filter((sentence) => sentence.aside && term.contains(sentence.spans[0]));
    if (!meaning.length) return;
    if (!resume) resume = { index: queue === page ? index : 0, playing };
    queue = meaning;
    playAt(0);
  }, true);
}

document.querySelectorAll("[data-module='app-read-aloud']").forEach(startPlayer);
