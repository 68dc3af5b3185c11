/* SPDX-License-Identifier: Apache-2.0 */
/* version.h: the version both binaries print for --version. */
#ifndef GW_VERSION_H
#define GW_VERSION_H

#define GW_VERSION "0.1.0"

#endif
