/* log.c: placeholder until written. */
typedef int gw_placeholder_log;
