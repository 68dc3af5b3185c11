// SPDX-License-Identifier: Apache-2.0
// phone_shim.cc: the only C++ in the project, a C interface (phone_shim.h)
// over libphonenumber's PhoneNumberUtil. No exception escapes: the library
// reports errors by return codes, and everything here catches the rest
// (std::bad_alloc) and answers PHONE_INVALID, so a C caller never unwinds.
#include <cstring>
#include <string>

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

extern "C" {
#include "base/phone_shim.h"
}

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Ranges no numbering plan gives to anyone, used by demos, the tests and
// documentation: the North American area code 555 (never assigned; the
// project's examples are +1555...) and Ofcom's drama range 07700 900xxx.
// libphonenumber calls them invalid; they reach no stranger, so they are
// accepted and named.
static bool is_fictional(const std::string &e164)
{
    return (e164.size() == 12 && e164.compare(0, 5, "+1555") == 0) ||
           (e164.size() == 13 && e164.compare(0, 10, "+447700900") == 0);
}

// A leading "00" stands for "+" wherever the operator is (phone.h says so
// for phone_normalize too); libphonenumber would read it only in regions
// whose international prefix is 00, not in the US (011).
static std::string with_plus(const char *in)
{
    const char *p = in;
    while (*p == ' ' || *p == '(')
        p++;
    if (p[0] == '0' && p[1] == '0')
        return std::string("+") + (p + 2);
    return std::string(in);
}

// The util, its own log silenced: by default it prints "[ERROR] Number too
// short" and the like on stderr, which is the operator's terminal here;
// the caller says what was wrong in its own words.
static PhoneNumberUtil *util()
{
    static PhoneNumberUtil *u = nullptr;
    if (u == nullptr) {
        u = PhoneNumberUtil::GetInstance();
        u->SetLogger(new i18n::phonenumbers::NullLogger());
    }
    return u;
}

static enum phone_kind kind_of(PhoneNumberUtil::PhoneNumberType t)
{
    switch (t) {
    case PhoneNumberUtil::MOBILE: return PHONE_MOBILE;
    case PhoneNumberUtil::FIXED_LINE: return PHONE_LANDLINE;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return PHONE_EITHER;
    default: return PHONE_OTHER;
    }
}

extern "C" enum phone_kind phone_lookup(const char *in, const char *region, char out[PHONE_MAX])
{
    out[0] = '\0';
    if (in == nullptr || region == nullptr)
        return PHONE_INVALID;
    try {
        const PhoneNumberUtil *u = util();
        PhoneNumber n;
        std::string e164;
        if (u->Parse(with_plus(in), region, &n) != PhoneNumberUtil::NO_PARSING_ERROR)
            return PHONE_INVALID;
        u->Format(n, PhoneNumberUtil::E164, &e164);
        if (e164.size() >= PHONE_MAX)
            return PHONE_INVALID;
        enum phone_kind k;
        if (u->IsValidNumber(n))
            k = kind_of(u->GetNumberType(n));
        else if (is_fictional(e164) && u->IsPossibleNumber(n))
            k = PHONE_FICTIONAL;
        else
            return PHONE_INVALID;
        std::memcpy(out, e164.c_str(), e164.size() + 1);
        return k;
    } catch (...) {
        out[0] = '\0';
        return PHONE_INVALID;
    }
}

extern "C" bool phone_region_known(const char *region)
{
    if (region == nullptr || std::strlen(region) != 2)
        return false;
    try {
        // GetSupportedRegions lists upper-case codes; the util would
        // upper-case a lower-case one itself, which the config should not
        // rely on, so lower case is refused here.
        std::string r(region);
        for (char c : r)
            if (c < 'A' || c > 'Z')
                return false;
        return util()->GetCountryCodeForRegion(r) != 0;
    } catch (...) {
        return false;
    }
}

extern "C" const char *phone_kind_name(enum phone_kind k)
{
    switch (k) {
    case PHONE_MOBILE: return "mobile";
    case PHONE_LANDLINE: return "landline";
    case PHONE_EITHER: return "landline or mobile";
    case PHONE_OTHER: return "not a mobile (VoIP, pager or toll free)";
    case PHONE_FICTIONAL: return "fictional (a range reserved for examples)";
    case PHONE_INVALID: break;
    }
    return "invalid";
}
