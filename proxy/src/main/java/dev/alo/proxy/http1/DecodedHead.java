package dev.alo.proxy.http1;

/** What a request head decodes to: a request to forward, or a refusal. */
sealed interface DecodedHead permits ParsedRequest, RequestError {}
