// Keeps the session of someone who is typing in a long form alive, and warns before it idles
// out. Filling in a checklist after a home visit can take longer than the idle timeout, and a
// save after the session has ended would lose what was typed. Typing counts as activity: while
// someone types, the session is renewed at most once per renewal interval; without typing it
// ends as it would without this script. Before warning, and when the end seems due, the page asks
// the server how long the session has left (asking does not renew it): another tab may have kept
// it alive.
(function () {
  "use strict";
  var notice = document.getElementById("session-keeper");
  var form = notice && notice.closest("form");
  if (!form) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var renewMs = Number(notice.dataset.renewSeconds) * 1000;
  var idleMs = Number(notice.dataset.idleSeconds) * 1000;
  var warnMs = Math.min(5 * 60 * 1000, idleMs / 3);
  // Loading the page was a request too, so the first renewal waits an interval. The server renews
  // at most once per interval, so until it says otherwise the end is counted from one interval
  // before the last request.
  var sentAt = Date.now();
  var endsAt = sentAt - renewMs + idleMs;
  var typed = false;
  var busy = false;
  var ended = false;
  var askedAt = 0;

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

  function request(url, options, answered) {
    busy = true;
    options.credentials = "same-origin";
    options.redirect = "manual"; // an ended session answers with a redirect to the login page
    fetch(url, options)
      .then(function (response) {
        if (response.type === "opaqueredirect") {
          end();
        } else if (response.ok) {
          return answered(response);
        }
      })
      .catch(function () {
        // Offline for a moment: the next check tries again.
      })
      .then(function () {
        busy = false;
      });
  }

  function renew() {
    var renewing = Date.now(); // the server renews when the request arrives, not when it answers
    sentAt = renewing;
    typed = false;
    request(
      notice.dataset.renewUrl,
      { method: "POST", headers: { "X-CSRFToken": token } },
      function () {
        endsAt = Math.max(endsAt, renewing - renewMs + idleMs);
        notice.hidden = true;
      }
    );
  }

  function ask() {
    var asking = Date.now();
    askedAt = asking;
    request(notice.dataset.statusUrl, { method: "GET" }, function (response) {
      return response.json().then(function (status) {
        endsAt = asking + status.seconds_left * 1000;
        if (status.seconds_left * 1000 <= warnMs) {
          show(notice.dataset.warning);
        } else {
          notice.hidden = true;
        }
      });
    });
  }

  function check() {
    if (ended || busy) {
      return;
    }
    var now = Date.now();
    if (typed && now - sentAt >= renewMs) {
      renew();
    } else if (now >= endsAt || (now >= endsAt - warnMs && now - askedAt >= renewMs)) {
      ask();
    }
  }

  form.addEventListener("input", function () {
    typed = true;
    check();
  });
  setInterval(check, Math.min(10 * 1000, renewMs / 2));
})();
