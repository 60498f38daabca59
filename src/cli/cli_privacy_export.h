/* cli_privacy_export.h — `kup privacy export`: everything kup stores about
 * one person, as a file (privacy_doc.h). */
#ifndef KUP_CLI_PRIVACY_EXPORT_H
#define KUP_CLI_PRIVACY_EXPORT_H

#include "cli_common.h"

/* argv[0] is "privacy", argv[1] "export". */
int cli_privacy_export(struct cli *c);

#endif
