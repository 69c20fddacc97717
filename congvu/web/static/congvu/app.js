/* congvu: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The language menu switches as soon as a language is chosen; without JS its button does it.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });

  // Registering for several units: choosing a matter type pre-selects the unit the registry makes
  // competent for it (its option's data-competent-unit), when that unit is one of the clerk's.
  document.addEventListener("change", function (event) {
    var matter = event.target.closest("select[name=matter_type]");
    var unit = matter && matter.form && matter.form.querySelector("select[name=unit]");
    var option = matter && matter.selectedOptions[0];
    var competent = option && option.getAttribute("data-competent-unit");
    if (unit && competent && unit.querySelector('option[value="' + competent + '"]')) {
      unit.value = competent;
    }
  });

  // A form is sent once (issue 12): a second submit of a form already on its way is dropped, and its
  // buttons are disabled meanwhile. Capture phase, so htmx's own listener never sees the second one.
  // The server refuses a second POST of the same form anyway (its one-time token, congvu/web/once.py).
  function release(form) {
    delete form.dataset.cvSent;
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
      if (button.dataset.cvDisabled) {
        button.disabled = false;
        delete button.dataset.cvDisabled;
      }
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    if (form.dataset.cvSent) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    form.dataset.cvSent = "1";
    // Disabled after this turn: a button disabled now would not send its own name and value.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
        if (!button.disabled) {
          button.disabled = true;
          button.dataset.cvDisabled = "1";
        }
      });
    }, 0);
    // A download or a slow server: the form is usable again after a while (the server still guards).
    window.setTimeout(function () { release(form); }, 15000);
  }, true);
  // htmx sends the form without leaving the page: once it is answered, the form may be used again.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form) {
      release(form);
    }
  });
  // Back to a page kept in the browser's cache: its forms were never answered here.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-cv-sent]").forEach(release);
    }
  });

  // A counter under every bounded text area (issue 12): "120 / 2.000", said politely to screen readers
  // only near the end. The browser stops typing at the bound (maxlength); the server refuses more anyway.
  function counted(root) {
    root.querySelectorAll("textarea[maxlength]").forEach(function (area) {
      if (area.dataset.cvCounted) {
        return;
      }
      area.dataset.cvCounted = "1";
      var limit = parseInt(area.getAttribute("maxlength"), 10);
      var counter = document.createElement("div");
      counter.className = "form-text cv-counter text-end";
      counter.id = (area.id || "cv-text") + "-counter";
      var described = area.getAttribute("aria-describedby");
      area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      area.insertAdjacentElement("afterend", counter);
      var show = function () {
        var length = area.value.length;
        counter.textContent = length.toLocaleString("vi-VN") + " / " + limit.toLocaleString("vi-VN");
        counter.classList.toggle("cv-counter-near", length > limit * 0.9);
        counter.setAttribute("aria-live", length > limit * 0.9 ? "polite" : "off");
      };
      area.addEventListener("input", show);
      show();
    });
  }
  counted(document);
  document.addEventListener("htmx:load", function (event) {
    counted(event.detail.elt.querySelectorAll ? event.detail.elt : document);
  });

  // Keep the CSRF token on htmx requests that do not come from a form (forms carry their own).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && !event.detail.parameters.csrfmiddlewaretoken) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });

  // A refusal of who you are (403: the access-refused page) would be dropped silently by htmx, which
  // swaps no error answer: show that page's message in place of the page's content instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = document.getElementById("main");
      event.detail.selectOverride = "#main";
      event.detail.swapOverride = "outerHTML";
    }
  });

  // After htmx swaps a panel, move focus to its first error or refusal, so keyboard and screen-reader
  // users learn what happened without hunting for it.
  document.addEventListener("htmx:afterSwap", function (event) {
    // An outerHTML swap replaces the target: look the new element up by its id.
    var target = event.detail.target;
    target = (target && target.id && document.getElementById(target.id)) || target;
    var alert = target && target.querySelector(".is-invalid, .cv-refusal, .alert-success");
    if (alert) {
      if (!alert.hasAttribute("tabindex") && !/INPUT|SELECT|TEXTAREA/.test(alert.tagName)) {
        alert.setAttribute("tabindex", "-1");
      }
      alert.focus();
    }
  });
  // A long list of check boxes (units to consult, co-operating units) is filtered as one types in
  // its search box, accents optional: "tai chinh" finds "Sở Tài chính" (issue 12). Without JS the
  // box is hidden (app.css) and the whole list stays.
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  document.addEventListener("input", function (event) {
    var box = event.target.closest("input[data-filters]");
    var list = box && document.getElementById(box.getAttribute("data-filters"));
    if (!list) {
      return;
    }
    var wanted = plain(box.value.trim());
    list.querySelectorAll(".form-check").forEach(function (row) {
      var input = row.querySelector("input");
      // A ticked unit stays in sight, so a search never hides what the form will send.
      row.hidden = wanted !== "" && !(input && input.checked) && plain(row.textContent).indexOf(wanted) === -1;
    });
  });
})();
