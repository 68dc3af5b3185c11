/* SPDX-License-Identifier: Apache-2.0 */
/* instrument.c: the built-in instruments as flows, and their scoring (see
 * instrument.h).
 *
 * Sources checked (issue 19), every item, answer option and band:
 *  - PHQ-9 and PHQ-2 (Kroenke, Spitzer, Williams; Pfizer): items 1-9, the
 *    answers 0 "not at all", 1 "several days", 2 "more than half the
 *    days", 3 "nearly every day" over "the last 2 weeks", the total 0-27
 *    with cut points 5, 10, 15, 20 (0-4 minimal, 5-9 mild, 10-14 moderate,
 *    15-19 moderately severe, 20-27 severe); PHQ-2 = items 1+2, 3 or more
 *    positive: https://www.hindawi.com/journals/cpn/2013/695925/tab1/ (PHQ-2
 *    table), https://www.calcipedia.org/calculators/phq-9-calculator and
 *    https://www.true-telecom.com/what-is-the-clinical-cut-off-for-phq-9/
 *    (scoring text of the PHQ instruction manual).
 *    Spanish: the published US Spanish PHQ-9 (Pfizer; "No se requiere
 *    permiso para reproducir, traducir, presentar o distribuir"), seen at
 *    https://es.studenta.com/content/129686767/patient-health-questionnaire-9-spanish
 *  - GAD-7 and GAD-2 (Spitzer, Kroenke, Williams, Lowe 2006; Pfizer): items
 *    1-7, the same four answers, total 0-21, cut points 5, 10, 15 (0-4
 *    minimal, 5-9 mild, 10-14 moderate, 15-21 severe); GAD-2 = items 1+2,
 *    3 or more positive:
 *    https://scales.arabpsychology.com/index.php/s/gad-7-anxiety-severity/,
 *    https://form.jotform.com/221654279772061 (the Pfizer form's scoring
 *    text), https://share-notes.forestry.md/2-uni/y1-2/papfmh/notes/generalised-anxiety-disorder-assessment/
 *    (GAD-2 >= 3 then GAD-7). Spanish: the published Pfizer Spanish GAD-7
 *    was NOT found; the Spanish texts follow the renderings at
 *    https://escalasmedicas.es/escala/escala-de-gad/ and
 *    https://sonria.com/?p=49407 and must be checked against it.
 *  - C-SSRS screener, recent ("Screen Version", Posner et al., Columbia
 *    Lighthouse Project): questions 1-5 about the past month, 3-5 only
 *    after yes to 2 (no to 2: on to 6), 6 "ever", then "within the past 3
 *    months?"; risk: yes to 1 or 2 low, 3 or 6 (over 3 months ago)
 *    moderate, 4, 5 or 6 within 3 months high:
 *    https://docest.com/doc/610945/suicide-ideation-definitions-and-prompts,
 *    https://www.millisecond.com/library/v7/c_ssrs/c_ssrs/c_ssrs.manual,
 *    https://help.blueprint-health.com/en/articles/5208202-columbia-suicide-severity-rating-scale-screen-c-ssrs-screen
 *    Spanish: the published Spanish screener was NOT found; the Spanish
 *    texts are our translation and must be replaced by Columbia's.
 *
 * Adapted to SMS, and so marked (README "Instruments"): one question per
 * text within one SMS segment, the time frame in each, answers as 0-3 or
 * YES/NO; long items shortened, C-SSRS 5's two questions made one. The
 * Spanish texts keep to the GSM-7 alphabet (no a/i/o/u with an accent,
 * which GSM-7 lacks and which would cut a segment to 70 characters). */
#include "model/instrument.h"

#include <stdio.h>
#include <string.h>

#define LEG_EN "0=not at all 1=several days 2=more than half the days 3=nearly every day"
#define LEG_EN_SHORT "Reply 0-3 (0=not at all, 3=nearly every day)"
#define LEG_ES "0=ningun dia 1=varios dias 2=mas de la mitad de los dias 3=casi todos los dias"
#define LEG_ES_MID "0=ningun dia 1=varios dias 2=mas de la mitad 3=casi todos"
#define LEG_ES_SHORT "0-3 (0=ningun dia, 3=casi todos)"

/* An item answered 0-3. */
#define ITEM03(id_, en_, es_, ...)                                                              \
    {.id = (id_), .text = {(en_), (es_)}, .type = FLOW_SCALE, .min = 0, .max = 3, __VA_ARGS__}
#define YESNO(id_, en_, es_, ...)                                                               \
    {.id = (id_), .text = {(en_), (es_)}, .type = FLOW_YESNO, __VA_ARGS__}

/* The rest of the PHQ-9 / GAD-7 only after a positive two-item screen. */
#define PHQ2_POSITIVE {.nterms = 2, .terms = {"phq1", "phq2"}, .op = FLOW_OP_GE, .value = 3}
#define GAD2_POSITIVE {.nterms = 2, .terms = {"gad1", "gad2"}, .op = FLOW_OP_GE, .value = 3}

static const struct flow_question phq9_q[] = {
    ITEM03("phq1", "Past 2 weeks, how often: little interest or pleasure in doing things? Reply " LEG_EN,
           "Ultimas 2 semanas, ¿con que frecuencia: poco interes o placer en hacer cosas? " LEG_ES),
    ITEM03("phq2", "Past 2 weeks: feeling down, depressed, or hopeless? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿se ha sentido decaido(a), deprimido(a) o sin esperanzas? " LEG_ES_MID),
    ITEM03("phq3", "Past 2 weeks: trouble falling or staying asleep, or sleeping too much? " LEG_EN,
           "Ultimas 2 semanas: ¿dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado? " LEG_ES_MID,
           .ask_if = PHQ2_POSITIVE),
    ITEM03("phq4", "Past 2 weeks: feeling tired or having little energy? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿se ha sentido cansado(a) o con poca energia? " LEG_ES,
           .ask_if = PHQ2_POSITIVE),
    ITEM03("phq5", "Past 2 weeks: poor appetite or overeating? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿sin apetito o ha comido en exceso? " LEG_ES,
           .ask_if = PHQ2_POSITIVE),
    ITEM03("phq6", "Past 2 weeks: feeling bad about yourself, or that you are a failure or let yourself or your family down? " LEG_EN_SHORT,
           "Ultimas 2 semanas: ¿se ha sentido mal con usted mismo(a), o que es un fracaso o que ha quedado mal con usted o su familia? " LEG_ES_SHORT,
           .ask_if = PHQ2_POSITIVE),
    ITEM03("phq7", "Past 2 weeks: trouble concentrating on things, such as reading or watching TV? " LEG_EN,
           "Ultimas 2 semanas: ¿dificultad para concentrarse, como al leer el periodico o ver la television? " LEG_ES_MID,
           .ask_if = PHQ2_POSITIVE),
    ITEM03("phq8", "Past 2 weeks: moving or speaking so slowly others noticed, or so restless you moved a lot more than usual? " LEG_EN_SHORT,
           "Ultimas 2 semanas: ¿se movio o hablo tan lento que otros lo notaran, o tan inquieto(a) que se movia mucho mas de lo normal? " LEG_ES_SHORT,
           .ask_if = PHQ2_POSITIVE),
    /* Item 9, always asked: above "not at all" alerts, 2 or 3 is urgent. */
    ITEM03("phq9", "Past 2 weeks: thoughts you would be better off dead or of hurting yourself in some way? " LEG_EN,
           "Ultimas 2 semanas: ¿pensamientos de que estaria mejor muerto(a) o de lastimarse de alguna manera? " LEG_ES_MID,
           .alerts = {{FLOW_OP_GE, 1, SEV_HIGH}, {FLOW_OP_GE, 2, SEV_URGENT}}, .nalerts = 2),
};

static const struct flow_question gad7_q[] = {
    ITEM03("gad1", "Past 2 weeks, how often: feeling nervous, anxious, or on edge? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿se ha sentido nervioso(a), ansioso(a) o con los nervios de punta? " LEG_ES_MID),
    ITEM03("gad2", "Past 2 weeks: not being able to stop or control worrying? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿no ha podido dejar de preocuparse o controlar la preocupacion? " LEG_ES_MID),
    ITEM03("gad3", "Past 2 weeks: worrying too much about different things? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿se ha preocupado demasiado por diferentes cosas? " LEG_ES_MID,
           .ask_if = GAD2_POSITIVE),
    ITEM03("gad4", "Past 2 weeks: trouble relaxing? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿ha tenido dificultad para relajarse? " LEG_ES,
           .ask_if = GAD2_POSITIVE),
    ITEM03("gad5", "Past 2 weeks: being so restless that it is hard to sit still? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿ha estado tan inquieto(a) que le costaba quedarse quieto(a)? " LEG_ES_MID,
           .ask_if = GAD2_POSITIVE),
    ITEM03("gad6", "Past 2 weeks: becoming easily annoyed or irritable? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿se ha molestado o irritado facilmente? " LEG_ES,
           .ask_if = GAD2_POSITIVE),
    ITEM03("gad7", "Past 2 weeks: feeling afraid, as if something awful might happen? Reply " LEG_EN,
           "Ultimas 2 semanas: ¿ha sentido miedo, como si algo terrible fuera a pasar? " LEG_ES_MID,
           .ask_if = GAD2_POSITIVE),
};

/* Yes to 1-3 or to 6 (ever) is high: a person reaches out (rule 4); yes to
 * 4, 5 or 6 within 3 months is urgent, the screener's "high risk". */
#define YES_IS(sev_) .alerts = {{FLOW_OP_EQ, 1, (sev_)}}, .nalerts = 1
static const struct flow_question cssrs_q[] = {
    YESNO("c1", "In the past month, have you wished you were dead or wished you could go to sleep and not wake up? Reply YES or NO",
          "En el ultimo mes, ¿ha deseado estar muerto(a) o poder dormirse y no despertar? Responda SI o NO",
          YES_IS(SEV_HIGH)),
    /* No to 2 goes straight to 6. */
    YESNO("c2", "In the past month, have you actually had any thoughts of killing yourself? Reply YES or NO",
          "En el ultimo mes, ¿ha tenido realmente pensamientos de quitarse la vida? Responda SI o NO",
          YES_IS(SEV_HIGH), .jump_to = "c6",
          .jump_if = {.nterms = 1, .terms = {"c2"}, .op = FLOW_OP_EQ, .value = 0}),
    YESNO("c3", "In the past month, have you been thinking about how you might do this? Reply YES or NO",
          "En el ultimo mes, ¿ha pensado en como podria hacerlo? Responda SI o NO",
          YES_IS(SEV_HIGH)),
    YESNO("c4", "In the past month, have you had these thoughts and had some intention of acting on them? Reply YES or NO",
          "En el ultimo mes, ¿ha tenido estos pensamientos con alguna intencion de llevarlos a cabo? Responda SI o NO",
          YES_IS(SEV_URGENT)),
    YESNO("c5", "In the past month, have you started to work out or worked out the details of how to kill yourself, and do you intend to carry out this plan? YES or NO",
          "En el ultimo mes, ¿ha empezado a planear o ha planeado los detalles de como quitarse la vida, y tiene intencion de llevar a cabo ese plan? SI o NO",
          YES_IS(SEV_URGENT)),
    YESNO("c6", "Have you ever done anything, started to do anything, or prepared to do anything to end your life? Reply YES or NO",
          "¿Alguna vez ha hecho algo, empezado a hacer algo o se ha preparado para hacer algo para terminar con su vida? Responda SI o NO",
          YES_IS(SEV_HIGH)),
    YESNO("c6_recent", "Was that within the past 3 months? Reply YES or NO",
          "¿Fue en los ultimos 3 meses? Responda SI o NO",
          YES_IS(SEV_URGENT),
          .ask_if = {.nterms = 1, .terms = {"c6"}, .op = FLOW_OP_EQ, .value = 1}),
};

#define NQ(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct flow flows[INSTR__COUNT] = {
    [INSTR_PHQ9] = {"phq9", phq9_q, NQ(phq9_q)},
    [INSTR_GAD7] = {"gad7", gad7_q, NQ(gad7_q)},
    [INSTR_CSSRS] = {"cssrs", cssrs_q, NQ(cssrs_q)},
};

const char *instrument_name(enum instrument_kind k)
{
    return (unsigned)k < INSTR__COUNT ? flows[k].name : "?";
}

int instrument_parse(const char *name, enum instrument_kind *out)
{
    for (int k = 0; name != NULL && k < INSTR__COUNT; k++)
        if (strcmp(name, flows[k].name) == 0) {
            *out = (enum instrument_kind)k;
            return 0;
        }
    return -1;
}

const struct flow *instrument_flow(enum instrument_kind k)
{
    return (unsigned)k < INSTR__COUNT ? &flows[k] : NULL;
}

const char *instrument_text_source(enum instrument_kind k, int lang)
{
    if ((unsigned)k >= INSTR__COUNT)
        return "?";
    if (lang == 0)
        return "the publisher's English wording, adapted to SMS";
    switch (k) {
    case INSTR_PHQ9:
        return "Pfizer's US Spanish PHQ-9, adapted to SMS";
    case INSTR_GAD7:
        return "NOT checked against Pfizer's Spanish GAD-7: set its wording in"
               " instruments = { gad7 = { es = { ... }; }; }";
    default:
        return "our own translation, NOT Columbia's Spanish screener: set its wording in"
               " instruments = { cssrs = { es = { ... }; }; }";
    }
}

static const struct instrument_bands banded[] = {
    {"PHQ-9", 27, 5, {0, 5, 10, 15, 20},
     {"minimal", "mild", "moderate", "moderately severe", "severe"}},
    {"GAD-7", 21, 4, {0, 5, 10, 15}, {"minimal", "mild", "moderate", "severe"}},
};

const struct instrument_bands *instrument_bands(const char *scale)
{
    for (size_t i = 0; scale && i < sizeof banded / sizeof banded[0]; i++)
        if (strcmp(banded[i].scale, scale) == 0)
            return &banded[i];
    return NULL;
}

const char *instrument_band_of(const struct instrument_bands *b, int total)
{
    if (b == NULL || total < 0 || total > b->max)
        return NULL;
    int i = b->n - 1;
    while (i > 0 && total < b->lo[i])
        i--;
    return b->name[i];
}

const char *instrument_phq9_band(int total)
{
    return instrument_band_of(&banded[0], total);
}

const char *instrument_gad7_band(int total)
{
    return instrument_band_of(&banded[1], total);
}

/* Sums items [from, to) of a (question indexes) into out: the total and
 * how many were answered. Returns whether all were. */
static bool sum_items(const struct flow_answers *a, int from, int to, struct instrument_score *out)
{
    int n = 0;
    out->total = 0;
    for (int i = from; i < to; i++)
        if (a->state[i] == FLOW_A_VALUE) {
            out->total += (int)a->value[i];
            n++;
        }
    out->answered = n;
    return n == to - from;
}

/* Raises out's severity by question q's alert rules on its answer. */
static void alert_from(const struct flow *f, int q, const struct flow_answers *a,
                       struct instrument_score *out)
{
    char why[64];
    if (a->state[q] != FLOW_A_VALUE)
        return;
    enum severity s = flow_alert(&f->q[q], a->value[q], why, sizeof why);
    if (s > out->severity) {
        out->severity = s;
        snprintf(out->reason, sizeof out->reason, "%s", why);
    }
}

/* PHQ-2, or the PHQ-9 after a positive PHQ-2 (items 1-8 are indexes 0-7,
 * item 9 index 8); item 9 alerts in either. */
static void score_two_step(const struct flow *f, const struct flow_answers *a, int nitems,
                           const char *short_name, const char *long_name,
                           const char *(*band)(int), struct instrument_score *out)
{
    bool screen_done = sum_items(a, 0, 2, out);
    if (screen_done && out->total < 3) {
        out->scale = short_name;
        out->max = 6;
        out->complete = true;
        out->band = "negative";
    } else if (screen_done) {
        out->scale = long_name;
        out->max = 3 * nitems;
        out->complete = sum_items(a, 0, nitems, out);
        out->band = out->complete ? band(out->total) : NULL;
    } else {
        out->scale = short_name;
        out->max = 6;
        out->complete = false;
        out->band = NULL;
    }
    for (int q = 0; q < f->n; q++)
        alert_from(f, q, a, out);
}

/* The C-SSRS screener's risk: questions c1..c6, c6_recent (indexes 0-6). */
static void score_cssrs(const struct flow *f, const struct flow_answers *a,
                        struct instrument_score *out)
{
    bool yes[7] = {false}, asked_all = true;
    out->scale = "C-SSRS";
    out->max = 6;
    for (int i = 0; i < 7; i++) {
        yes[i] = a->state[i] == FLOW_A_VALUE && a->value[i] == 1;
        out->answered += a->state[i] == FLOW_A_VALUE;
        if (i < 6 && yes[i])
            out->total++;
    }
    /* Complete: 1, 2 and 6 answered; 3-5 after yes to 2; the time after yes to 6. */
    int need[] = {0, 1, 5};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        asked_all &= a->state[need[k]] == FLOW_A_VALUE;
    for (int i = 2; i < 5 && yes[1]; i++)
        asked_all &= a->state[i] == FLOW_A_VALUE;
    if (yes[5])
        asked_all &= a->state[6] == FLOW_A_VALUE;
    out->complete = asked_all;
    for (int q = 0; q < f->n; q++)
        alert_from(f, q, a, out);
    /* Yes to 6 with no clear answer about when: when in doubt, it was
     * recent (rule 4). */
    if (yes[5] && a->state[6] != FLOW_A_VALUE) {
        out->severity = SEV_URGENT;
        snprintf(out->reason, sizeof out->reason, "c6 yes, not known whether within 3 months");
    }
    bool high = yes[3] || yes[4] || (yes[5] && !(a->state[6] == FLOW_A_VALUE && !yes[6]));
    if (high)
        out->band = "high";
    else if (yes[2] || yes[5])
        out->band = "moderate";
    else if (yes[0] || yes[1])
        out->band = "low";
    else
        out->band = out->complete ? "none" : NULL;
}

int instrument_score(enum instrument_kind k, const struct flow_answers *a,
                     struct instrument_score *out)
{
    memset(out, 0, sizeof *out);
    if ((unsigned)k >= INSTR__COUNT || a == NULL)
        return -1;
    const struct flow *f = &flows[k];
    switch (k) {
    case INSTR_PHQ9:
        score_two_step(f, a, 9, "PHQ-2", "PHQ-9", instrument_phq9_band, out);
        break;
    case INSTR_GAD7:
        score_two_step(f, a, 7, "GAD-2", "GAD-7", instrument_gad7_band, out);
        break;
    default:
        score_cssrs(f, a, out);
        break;
    }
    return 0;
}
