/*
 * Passkeys on the hosted pages: sign in with one, and add one on the portal's passkeys page.
 * Served from this origin as a file of its own, so the pages keep a strict policy (script-src 'self').
 * The buttons carry the URLs to call in data attributes; the server checks everything.
 */
(function () {
  'use strict';

  function toBytes(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: toBytes(d.id) };
    });
  }

  function credentialJson(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      if (response.userHandle) {
        json.response.userHandle = toText(response.userHandle);
      }
    }
    return json;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          throw new Error('refused');
        }
        return json;
      });
    });
  }

  function say(button, text) {
    var message = document.getElementById(button.getAttribute('data-message'));
    if (message) {
      message.textContent = text;
      message.hidden = false;
    }
  }

  function supported(button) {
    if (window.PublicKeyCredential && navigator.credentials) {
      return true;
    }
    say(button, button.getAttribute('data-unsupported'));
    return false;
  }

  // The hidden fields of a form, the one named by data-field left out: what the page already carries.
  function hiddenFields(form, field) {
    var fields = {};
    for (var i = 0; i < form.elements.length; i++) {
      var element = form.elements[i];
      if (element.type === 'hidden' && element.name && element.name !== field) {
        fields[element.name] = element.value;
      }
    }
    return fields;
  }

  // A button with data-form posts its assertion by submitting that form (the answer is a page);
  // one without posts it to data-submit and goes where the answer says.
  function signIn(button) {
    if (!supported(button)) {
      return;
    }
    var form = button.hasAttribute('data-form') ? document.getElementById(button.getAttribute('data-form')) : null;
    var field = button.getAttribute('data-field');
    button.disabled = true;
    post(button.getAttribute('data-options'), form ? hiddenFields(form, field) : {}).then(function (options) {
      return navigator.credentials.get({ publicKey: {
        challenge: toBytes(options.challenge),
        rpId: options.rpId,
        timeout: options.timeout,
        userVerification: options.userVerification,
        allowCredentials: descriptors(options.allowCredentials)
      } });
    }).then(function (credential) {
      if (form) {
        form.elements[field].value = JSON.stringify(credentialJson(credential));
        form.submit();
        return null;
      }
      return post(button.getAttribute('data-submit'), { credential: credentialJson(credential) });
    }).then(function (result) {
      if (result) {
        window.location.assign(result.location);
      }
    }).catch(function () {
      button.disabled = false;
      say(button, button.getAttribute('data-failed'));
    });
  }

  function register(button) {
    if (!supported(button)) {
      return;
    }
    var password = document.getElementById(button.getAttribute('data-password'));
    var name = document.getElementById(button.getAttribute('data-name'));
    button.disabled = true;
    post(button.getAttribute('data-options'), { password: password.value }).then(function (options) {
      return navigator.credentials.create({ publicKey: {
        rp: options.rp,
        user: { id: toBytes(options.user.id), name: options.user.name, displayName: options.user.displayName },
        challenge: toBytes(options.challenge),
        pubKeyCredParams: options.pubKeyCredParams,
        timeout: options.timeout,
        excludeCredentials: descriptors(options.excludeCredentials),
        authenticatorSelection: options.authenticatorSelection,
        attestation: options.attestation
      } });
    }).then(function (credential) {
      return post(button.getAttribute('data-submit'), {
        credential: credentialJson(credential),
        name: name && name.value ? name.value : null
      });
    }).then(function (result) {
      window.location.assign(result.location);
    }).catch(function () {
      button.disabled = false;
      password.value = '';
      say(button, button.getAttribute('data-failed'));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var signInButton = document.getElementById('passkey-signin');
    if (signInButton) {
      signInButton.hidden = false;
      signInButton.addEventListener('click', function () { signIn(signInButton); });
    }
    var registerButton = document.getElementById('passkey-register');
    if (registerButton) {
      registerButton.addEventListener('click', function () { register(registerButton); });
    }
  });
}());
