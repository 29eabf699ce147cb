// Keeps the session of someone who is typing in a long form alive, and warns before it idles
// out. Filling in a checklist after a home visit can take longer than the idle timeout, and a
// save after the session has ended would lose what was typed. Typing counts as activity: while
// someone types, the session is renewed at most once per renewal interval; without typing it
// ends as it would without this script.
(function () {
  "use strict";
  var notice = document.getElementById("session-keeper");
  var form = notice && notice.closest("form");
  if (!form) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var renewMs = Number(notice.dataset.renewSeconds) * 1000;
  // The server renews at most once per interval, so its expiry can lie up to one interval
  // before the one counted here from the last renewal this page asked for.
  var lifetimeMs = Number(notice.dataset.idleSeconds) * 1000 - renewMs;
  var warnMs = Math.min(5 * 60 * 1000, lifetimeMs / 2);
  var renewedAt = Date.now(); // loading the page renewed the session
  var typed = false;
  var pending = false;
  var ended = false;

  function show(text) {
    if (notice.hidden || notice.textContent !== text) {
      notice.hidden = false;
      notice.textContent = text;
    }
  }

  function end() {
    ended = true;
    show(notice.dataset.expired);
  }

  function renew() {
    var sentAt = Date.now(); // the server renews when the request arrives, not when it answers
    typed = false;
    pending = true;
    fetch(notice.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual", // an ended session answers with a redirect to the login page
      headers: { "X-CSRFToken": token },
    }).then(
      function (response) {
        pending = false;
        if (response.status === 204) {
          renewedAt = sentAt;
          notice.hidden = true;
        } else {
          end();
        }
      },
      function () {
        pending = false;
        typed = true; // offline for a moment: try again on the next tick
      }
    );
  }

  function check() {
    if (ended || pending) {
      return;
    }
    var idle = Date.now() - renewedAt;
    if (typed && idle >= renewMs) {
      renew();
    } else if (idle >= lifetimeMs) {
      end();
    } else if (idle >= lifetimeMs - warnMs) {
      show(notice.dataset.warning);
    }
  }

  form.addEventListener("input", function () {
    typed = true;
    check();
  });
  setInterval(check, 10 * 1000);
})();
