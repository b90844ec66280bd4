/* sphinx-learnscape: zoom, pan and full screen for the landscape maps.
 *
 * Progressive enhancement: the page works without this script (the map
 * scrolls in its figure); with it, each map's buttons (written hidden by the
 * extension) appear, the picture takes keyboard focus (+ - 0, arrow keys),
 * and a drag pans it. Zooming changes the SVG's width, so the browser keeps
 * laying it out: links stay links, and panning is plain scrolling.
 */
(function () {
  "use strict";

  var STEP = 1.25;
  var SMALLEST = 0.25;
  var LARGEST = 8;
  var PAN = 40;
  var DRAG = 4; // pixels a press may move and still be a click

  function setUp(figure) {
    var picture = figure.querySelector(".learnscape-map-picture");
    var controls = figure.querySelector(".learnscape-map-controls");
    var svg = picture && picture.querySelector("svg");
    if (!picture || !controls || !svg) return;
    var fullButton = controls.querySelector('[data-learnscape-action="full"]');
    // The extension's sizing (shrink with the column, not below readable text).
    var sizing = svg.getAttribute("style") || "";
    var scale = 1;
    var base = 0; // the SVG's width, in CSS pixels, at scale 1
    var full = false;
    var overlay = false;
    var press = null;
    var dragged = false;

    controls.hidden = false;
    figure.className += " learnscape-map-zoomable";
    picture.tabIndex = 0;
    picture.setAttribute("role", "group");
    picture.setAttribute("aria-label", controls.getAttribute("data-learnscape-keys") || "");

    function scrollable() {
      return picture.scrollWidth > picture.clientWidth + 1 || picture.scrollHeight > picture.clientHeight + 1;
    }

    function marked() {
      var on = scrollable();
      if (on !== picture.classList.contains("learnscape-map-pannable")) {
        picture.classList.toggle("learnscape-map-pannable", on);
      }
    }

    /* Zoom to `next` times the fitted size, keeping the point (x, y) of the
     * picture's box where it is (its middle unless given). */
    function zoom(next, x, y) {
      next = Math.min(LARGEST, Math.max(SMALLEST, next));
      if (x === undefined) {
        x = picture.clientWidth / 2;
        y = picture.clientHeight / 2;
      }
      if (scale === 1) {
        base = svg.getBoundingClientRect().width;
        // The box keeps its height: the page does not jump, the map scrolls inside.
        if (!full) picture.style.height = picture.getBoundingClientRect().height + "px";
      }
      var ratio = next / scale;
      var left = (picture.scrollLeft + x) * ratio - x;
      var top = (picture.scrollTop + y) * ratio - y;
      scale = next;
      if (Math.abs(scale - 1) < 1e-6) {
        reset();
        return;
      }
      svg.setAttribute("style", sizing + " width: " + base * scale + "px; max-width: none; min-width: 0;");
      picture.scrollLeft = left;
      picture.scrollTop = top;
      figure.setAttribute("data-learnscape-zoom", scale.toFixed(3));
      marked();
    }

    /* In full screen the whole map fits the screen (its text no smaller than
     * the column allows: the min-width of `sizing` still holds). */
    function screenFit() {
      var box = svg.viewBox && svg.viewBox.baseVal;
      var aspect = box && box.height ? box.width / box.height : 1;
      return Math.floor(Math.min(picture.clientWidth, picture.clientHeight * aspect));
    }

    function reset() {
      scale = 1;
      svg.setAttribute("style", full ? sizing + " max-width: none; width: " + screenFit() + "px;" : sizing);
      if (!full) picture.style.height = "";
      picture.scrollLeft = 0;
      picture.scrollTop = 0;
      figure.setAttribute("data-learnscape-zoom", "1");
      marked();
    }

    function enter() {
      full = true;
      reset();
      picture.style.height = "";
      figure.classList.add("learnscape-map-full");
      if (fullButton) fullButton.setAttribute("aria-pressed", "true");
      marked();
    }

    function leave() {
      if (!full) return;
      full = false;
      overlay = false;
      figure.classList.remove("learnscape-map-full", "learnscape-map-overlay");
      if (fullButton) fullButton.setAttribute("aria-pressed", "false");
      reset();
      if (fullButton) fullButton.focus();
    }

    /* The Fullscreen API where the browser grants it; else a fixed overlay. */
    function fullScreen() {
      if (full) {
        if (overlay) leave();
        else if (document.exitFullscreen) document.exitFullscreen().catch(leave);
        return;
      }
      var asked = null;
      try {
        asked = figure.requestFullscreen ? figure.requestFullscreen() : null;
      } catch (refused) {
        asked = null;
      }
      if (asked && asked.then) {
        asked.then(enter, fallback);
      } else {
        fallback();
      }
    }

    function fallback() {
      overlay = true;
      figure.classList.add("learnscape-map-overlay");
      enter();
      picture.focus();
    }

    document.addEventListener("fullscreenchange", function () {
      if (document.fullscreenElement === figure) {
        if (!full) enter();
      } else if (full && !overlay) {
        leave();
      }
    });

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-learnscape-action]");
      if (!button) return;
      var action = button.getAttribute("data-learnscape-action");
      if (action === "in") zoom(scale * STEP);
      else if (action === "out") zoom(scale / STEP);
      else if (action === "reset") reset();
      else if (action === "full") fullScreen();
    });

    figure.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && full) {
        // Browsers leave real full screen on Escape themselves; this is for the overlay.
        event.preventDefault();
        if (overlay) leave();
        else if (document.exitFullscreen) document.exitFullscreen().catch(leave);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || !picture.contains(event.target)) return;
      var dx = 0;
      var dy = 0;
      switch (event.key) {
        case "+":
        case "=":
          zoom(scale * STEP);
          break;
        case "-":
        case "_":
          zoom(scale / STEP);
          break;
        case "0":
          reset();
          break;
        case "ArrowLeft":
          dx = -PAN;
          break;
        case "ArrowRight":
          dx = PAN;
          break;
        case "ArrowUp":
          dy = -PAN;
          break;
        case "ArrowDown":
          dy = PAN;
          break;
        default:
          return;
      }
      if ((dx || dy) && !scrollable()) return; // nothing to pan: the page scrolls as usual
      if (dx || dy) picture.scrollBy(dx, dy);
      event.preventDefault();
    });

    /* Panning by drag (mouse and pen; touch scrolls natively). A press that
     * moved is not a click: the link under it is not followed. */
    picture.addEventListener("pointerdown", function (event) {
      dragged = false;
      if (event.button !== 0 || event.pointerType === "touch" || !scrollable()) return;
      press = { x: event.clientX, y: event.clientY, left: picture.scrollLeft, top: picture.scrollTop };
    });
    window.addEventListener("pointermove", function (event) {
      if (!press) return;
      var dx = event.clientX - press.x;
      var dy = event.clientY - press.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < DRAG) return;
      dragged = true;
      picture.classList.add("learnscape-map-dragging");
      picture.scrollLeft = press.left - dx;
      picture.scrollTop = press.top - dy;
    });
    window.addEventListener("pointerup", function () {
      if (!press) return;
      press = null;
      picture.classList.remove("learnscape-map-dragging");
      // The click that ends a drag comes right after; a later one is a click again.
      setTimeout(function () {
        dragged = false;
      }, 0);
    });
    picture.addEventListener(
      "click",
      function (event) {
        if (dragged) {
          dragged = false;
          event.preventDefault();
          event.stopPropagation();
        }
      },
      true
    );
    // Links and text would otherwise start the browser's own drag and drop.
    picture.addEventListener("dragstart", function (event) {
      if (scrollable()) event.preventDefault();
    });
    window.addEventListener("resize", marked);
    reset();
  }

  function setUpAll() {
    var figures = document.querySelectorAll("figure.learnscape-map");
    for (var i = 0; i < figures.length; i++) setUp(figures[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
