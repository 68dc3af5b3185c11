#define GW_SYSCONFDIR "/usr/local/etc"
