/** The cookie that keeps a `?token=` login, so the token leaves the URL (HttpOnly). */
export const TOKEN_COOKIE = "kms_drift_token";
/** Double-submit CSRF: the proxy sets this cookie; pages echo its value in the header on POST. */
export const CSRF_COOKIE = "kms_drift_csrf";
export const CSRF_HEADER = "x-kms-drift-csrf";
