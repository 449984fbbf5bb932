/* Argument checks shared by the native addons (native/dice, native/matching): one definition of
 * how a bad argument is refused (a TypeError for a wrong kind, a RangeError for a wrong size) and
 * of how a typed array is read. Each addon includes it once. */
#ifndef ARIADNE_NAPI_ARGS_H
#define ARIADNE_NAPI_ARGS_H

#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>

/* Throws a RangeError (range != 0) or a TypeError with msg; returns NULL for the caller to return. */
static napi_value fail(napi_env env, const char *msg, int range) {
  if (range) napi_throw_range_error(env, NULL, msg);
  else napi_throw_type_error(env, NULL, msg);
  return NULL;
}

/* A typed array of the given type: its data and element count; 0 when v is anything else. */
static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, v, &type, len, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

#endif
