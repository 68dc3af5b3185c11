/* schedule.c: placeholder until written. */
typedef int gw_placeholder_schedule;
