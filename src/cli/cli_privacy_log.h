/* cli_privacy_log.h — `kup privacy log --login L [--format text|csv|tsv]
 * [--out FILE]`: who has read the person's plan, goals, evaluation and
 * follow-ups, newest first (cli_privacy_log.c). The person themself and
 * admins may. Returns the exit status, or CLI_USAGE after a usage error;
 * nothing to free. */
#ifndef KUP_CLI_PRIVACY_LOG_H
#define KUP_CLI_PRIVACY_LOG_H

#include "cli_common.h"

int cli_privacy_log(struct cli *c);

#endif
