/* http_server.c: placeholder until written. */
typedef int gw_placeholder_http_server;
