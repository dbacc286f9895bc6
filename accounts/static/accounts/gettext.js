// django-otp-webauthn's scripts show their messages through gettext(); the site is in English,
// so each message is its own translation (Django's JavaScript catalog would say the same).
window.gettext = window.gettext || ((message) => message);
