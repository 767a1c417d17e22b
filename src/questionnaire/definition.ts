/**
 * Questionnaire national « Les bonnes pratiques d'animation de la clause sociale dans les QPV »
 * (Tour de France de la clause sociale, Alliance Villes Emploi / ANRU).
 *
 * Single source of truth for rendering, validation, storage, review, moderation and exports.
 * Any change to a question or an option list must bump `version`. Option codes are stored in the
 * database: never reuse a code for another meaning.
 */
import { taxonomyOptions, type TaxonomyKind } from '../reference';
import type { Option, QuestionnaireDefinition } from './definition.types';

/**
 * For 'multiple' questions with `allowOther`: the renderer already adds « Autre (préciser) », so the
 * taxonomy's own generic 'autre' entry is dropped to avoid two « Autre » boxes.
 */
const sansAutre = (options: Option[]): Option[] => options.filter((o) => o.value !== 'autre');

/**
 * A list's choices as they stand now (admins rename, add and retire terms at run time): read
 * through a getter, with retired terms flagged so that an answer already holding one keeps it.
 */
const termChoices = (kind: TaxonomyKind): Option[] => taxonomyOptions(kind, { withRetired: true });

export const questionnaire: QuestionnaireDefinition = {
  version: 2,
  title: "Les bonnes pratiques d'animation de la clause sociale dans les QPV",
  sections: [
    // ───────────────────────────── A. Répondant et structure ─────────────────────────────
    {
      key: 'A',
      slug: 'repondant',
      title: 'Vous et votre structure',
      intro:
        'Ces informations nous permettent de vous recontacter si besoin. Votre nom, votre e-mail et votre téléphone ne sont jamais publiés sans votre accord : vous choisirez à la dernière page ce qui peut apparaître.',
      questions: [
        {
          id: 'nomRepondant',
          type: 'text',
          label: 'Vos prénom et nom',
          required: true,
          maxLength: 120,
          autocomplete: 'name',
        },
        {
          id: 'roleRepondant',
          type: 'single',
          label: 'Votre fonction',
          hint: 'Choisissez celle qui correspond le mieux à votre rôle dans la pratique.',
          options: [
            {
              value: 'facilitation',
              label: 'Facilitation de la clause sociale',
              hint: 'Facilitateur ou facilitatrice, guichet clause',
            },
            { value: 'direction', label: 'Direction ou encadrement de la structure' },
            {
              value: 'emploi-insertion',
              label: 'Chargé ou chargée de mission emploi, insertion ou développement économique',
            },
            {
              value: 'politique-ville-renouvellement',
              label: 'Politique de la ville ou renouvellement urbain',
              hint: 'Chef ou cheffe de projet, délégué ou déléguée du préfet…',
            },
            { value: 'achat-public', label: 'Achat public ou commande publique' },
            {
              value: 'accompagnement',
              label: 'Accompagnement des personnes',
              hint: 'Conseil en insertion, référent ou référente de parcours',
            },
            {
              value: 'entreprise-rh',
              label: 'Ressources humaines ou encadrement de chantier en entreprise',
            },
            { value: 'elu', label: 'Élu ou élue' },
            { value: 'autre', label: 'Autre fonction' },
          ],
        },
        {
          id: 'roleRepondantPrecision',
          type: 'text',
          label: 'Précisez votre fonction',
          maxLength: 120,
          autocomplete: 'organization-title',
          showIf: { questionId: 'roleRepondant', equals: 'autre' },
        },
        {
          id: 'nomStructure',
          type: 'text',
          label: 'Nom de votre structure',
          hint: 'En toutes lettres, suivi du sigle si vous en avez un.',
          required: true,
          maxLength: 200,
          autocomplete: 'organization',
          public: true,
        },
        {
          id: 'typeStructure',
          type: 'single',
          label: 'Type de structure',
          hint: "Si votre structure a plusieurs casquettes (par exemple une Maison de l'emploi qui porte un PLIE), choisissez celle qui porte la pratique.",
          required: true,
          display: 'select',
          get options() {
            return termChoices('actorTypes');
          },
          public: true,
        },
        {
          id: 'typeStructurePrecision',
          type: 'text',
          label: 'Précisez le type de structure',
          maxLength: 120,
          showIf: { questionId: 'typeStructure', equals: 'autre' },
          public: true,
        },
        {
          id: 'siretStructure',
          type: 'siret',
          label: 'Numéro SIRET de la structure',
          hint: 'Facultatif. 14 chiffres, à retrouver sur annuaire-entreprises.data.gouv.fr.',
        },
        {
          id: 'emailRepondant',
          type: 'email',
          label: 'Votre adresse e-mail',
          hint: 'Pour vous recontacter si nous avons une question sur votre pratique.',
          required: true,
          autocomplete: 'email',
        },
        {
          id: 'telephoneRepondant',
          type: 'phone',
          label: 'Votre téléphone',
          hint: 'Facultatif. Par exemple : 06 12 34 56 78',
          autocomplete: 'tel',
        },
      ],
    },

    // ───────────────────────────────────── B. Territoire ─────────────────────────────────────
    {
      key: 'B',
      slug: 'territoire',
      title: 'Le territoire',
      intro:
        'Où la pratique se déroule-t-elle ? Les codes officiels (INSEE, QPV) permettent de la situer sur la carte et de la présenter lors de la bonne rencontre régionale.',
      questions: [
        {
          id: 'territoire',
          type: 'territory',
          label: 'Où se déroule la pratique ?',
          hint: "Choisissez la région, le département, puis la ou les communes concernées. Pour une pratique intercommunale, ajoutez chaque commune où elle s'applique.",
          required: true,
          multipleCommunes: true,
          public: true,
        },
        {
          id: 'qpvConcernes',
          type: 'qpv',
          label: 'Quartiers prioritaires (QPV) concernés',
          hint: "Tapez le nom du quartier ou son code. Les pratiques de 2021 à 2023 relèvent de la liste 2015 : « QP » suivi de 6 chiffres (ex. QP093028). La liste 2024 utilise « QN » suivi de 5 chiffres et d'une lettre (ex. QN07501M). Le code figure dans votre contrat de ville.",
          multipleQpv: true,
          public: true,
        },
        {
          id: 'projetNpnru',
          type: 'yesno',
          label: "La pratique s'inscrit-elle dans un projet de renouvellement urbain (NPNRU) ?",
          hint: "Projet financé par l'ANRU dans le cadre du Nouveau programme national de renouvellement urbain.",
          public: true,
        },
        {
          id: 'nomProjetNpnru',
          type: 'text',
          label: 'Nom du projet de renouvellement urbain',
          hint: "Tel qu'il figure dans la convention ANRU, par exemple le nom du quartier et de la commune.",
          maxLength: 200,
          showIf: { questionId: 'projetNpnru', equals: 'oui' },
          public: true,
        },
        {
          id: 'niveauProjetNpnru',
          type: 'single',
          label: "Niveau d'intérêt du projet",
          hint: 'Indiqué dans la convention ANRU. En cas de doute, le service renouvellement urbain de votre ville le sait.',
          options: [
            { value: 'prin', label: "Projet d'intérêt national (PRIN)" },
            { value: 'prir', label: "Projet d'intérêt régional (PRIR)" },
            { value: 'ne-sait-pas', label: 'Je ne sais pas' },
          ],
          showIf: { questionId: 'projetNpnru', equals: 'oui' },
          public: true,
        },
        {
          id: 'echelleIntercommunale',
          type: 'yesno',
          label: "La pratique est-elle menée à l'échelle intercommunale ?",
          hint: "Par exemple un guichet clause mutualisé pour toute l'agglomération, ou un PLIE intercommunal.",
          public: true,
        },
      ],
    },

    // ─────────────────────────────────────── C. Pratique ───────────────────────────────────────
    {
      key: 'C',
      slug: 'pratique',
      title: 'La pratique',
      intro:
        "Décrivez votre pratique comme vous la présenteriez à un ou une collègue d'un autre territoire. Quelques phrases suffisent : vous pourrez relire vos réponses avant l'envoi.",
      questions: [
        {
          id: 'titrePratique',
          type: 'text',
          label: 'Titre de la pratique',
          hint: 'Court et parlant : il deviendra le titre de la fiche. Par exemple : « Des habitantes sur les chantiers du renouvellement urbain ».',
          required: true,
          maxLength: 120,
          public: true,
        },
        {
          id: 'resumePratique',
          type: 'textarea',
          label: 'Résumé',
          hint: 'En 2 ou 3 phrases : ce que vous faites, pour qui, et le principal résultat. Il ouvre la fiche publiée.',
          required: true,
          maxLength: 500,
          public: true,
        },
        {
          id: 'contextePratique',
          type: 'textarea',
          label: "Contexte : d'où est partie la pratique ?",
          hint: "Le problème ou le besoin de départ, la situation du territoire. Par exemple : peu d'habitants des QPV recrutés sur les chantiers, des clauses concentrées sur le BTP…",
          required: true,
          maxLength: 3000,
          public: true,
        },
        {
          id: 'objectifsPratique',
          type: 'textarea',
          label: 'Objectifs',
          hint: 'Ce que vous cherchiez à obtenir, chiffré si possible. Par exemple : 30 % de femmes parmi les participants.',
          maxLength: 2000,
          public: true,
        },
        {
          id: 'actionsPratique',
          type: 'textarea',
          label: 'Ce que vous avez fait, concrètement',
          hint: 'Les grandes étapes, qui a fait quoi, les outils créés. Des phrases courtes ou une liste suffisent.',
          required: true,
          maxLength: 3000,
          public: true,
        },
        {
          id: 'dateDebut',
          type: 'month',
          label: 'Date de démarrage',
          hint: 'Mois et année. Une date approximative convient.',
          required: true,
          public: true,
        },
        {
          id: 'statutPratique',
          type: 'single',
          label: 'Où en est la pratique ?',
          options: [
            {
              value: 'en-cours',
              label: 'En cours',
              hint: 'Y compris si elle est reconduite chaque année',
            },
            { value: 'terminee', label: 'Terminée' },
          ],
          public: true,
        },
        {
          id: 'dateFin',
          type: 'month',
          label: 'Date de fin',
          hint: 'Mois et année de la dernière action.',
          notBefore: 'dateDebut',
          showIf: { questionId: 'statutPratique', equals: 'terminee' },
          public: true,
        },
      ],
    },

    // ─────────────────────────── D. Thématiques — E. Leviers juridiques ───────────────────────────
    {
      key: 'DE',
      slug: 'thematiques-leviers',
      title: 'Thématiques et leviers juridiques',
      intro:
        'Ces repères servent à classer votre pratique dans le recueil national et à la proposer aux bons ateliers des rencontres régionales.',
      questions: [
        {
          id: 'thematiques',
          type: 'multiple',
          label: 'Thématiques de la pratique',
          hint: "Cochez toutes celles qui s'appliquent.",
          required: true,
          get options() {
            return termChoices('themes');
          },
          allowOther: true,
          public: true,
        },
        {
          id: 'leviersJuridiques',
          type: 'multiple',
          label: 'Leviers juridiques utilisés',
          hint: "Articles du Code de la commande publique ou cadre mobilisé. En cas de doute, le service achats du donneur d'ordre peut vous renseigner.",
          get options() {
            return termChoices('legalLevers');
          },
          allowOther: true,
          public: true,
        },
        {
          id: 'redactionClause',
          type: 'textarea',
          label: 'Comment la clause a-t-elle été rédigée ?',
          hint: "Facultatif. Par exemple : 5 % des heures travaillées, critère d'insertion pondéré à 10 %, allotissement pour créer un lot réservé, objectifs de la charte d'insertion ANRU…",
          maxLength: 1000,
          public: true,
        },
      ],
    },

    // ─────────────────────────────────────── F. Marchés ───────────────────────────────────────
    {
      key: 'F',
      slug: 'marches',
      title: 'Les marchés',
      intro:
        'Sur quels marchés la clause a-t-elle été appliquée ? Les chiffres sont facultatifs : une estimation suffit, et vous pouvez laisser vide ce que vous ne savez pas.',
      questions: [
        {
          id: 'famillesMarches',
          type: 'multiple',
          label: 'Familles de marchés concernées',
          hint: 'Cochez toutes celles où la clause a été appliquée.',
          get options() {
            return termChoices('marketFamilies');
          },
          public: true,
        },
        {
          id: 'nombreMarches',
          type: 'integer',
          label: 'Nombre de marchés ou de lots avec une clause',
          hint: 'Sur toute la durée de la pratique. Comptez chaque lot qui comporte une clause.',
          min: 0,
          max: 100000,
          public: true,
        },
        {
          id: 'nombreDonneursOrdre',
          type: 'integer',
          label: "Nombre de donneurs d'ordre impliqués",
          hint: 'Acheteurs ayant inscrit une clause : communes, intercommunalité, bailleurs sociaux, département…',
          min: 0,
          max: 10000,
          public: true,
        },
        {
          id: 'montantMarches',
          type: 'decimal',
          label: 'Montant total de ces marchés',
          hint: 'En euros hors taxes (HT), tous marchés et lots cumulés.',
          min: 0,
          max: 10000000000,
          unit: '€',
          public: true,
        },
        {
          id: 'heuresInscrites',
          type: 'integer',
          label: "Heures d'insertion inscrites dans les marchés",
          hint: "Le volume exigé par les clauses, tel qu'écrit dans les pièces des marchés (CCAP, acte d'engagement…).",
          min: 0,
          max: 10000000,
          unit: 'heures',
          public: true,
        },
      ],
    },

    // ──────────────────── G. Publics — H. Modalités de réalisation et partenaires ────────────────────
    {
      key: 'GH',
      slug: 'publics-partenaires',
      title: 'Publics, modalités et partenaires',
      intro:
        "À qui la pratique s'adresse, comment les heures d'insertion ont été réalisées, et avec qui vous avez travaillé.",
      questions: [
        {
          id: 'publicsCibles',
          type: 'multiple',
          label: 'Publics visés',
          hint: "Cochez tous les publics auxquels la pratique s'adresse en priorité.",
          get options() {
            return termChoices('publics');
          },
          allowOther: true,
          public: true,
        },
        {
          id: 'actionFemmes',
          type: 'yesno',
          label: 'La pratique comporte-t-elle une action spécifique pour les femmes ?',
          hint: '82 % des personnes recrutées grâce à la clause sont des hommes : les initiatives qui ouvrent ces emplois aux femmes nous intéressent particulièrement.',
          public: true,
        },
        {
          id: 'actionFemmesDescription',
          type: 'textarea',
          label: 'Laquelle ?',
          hint: "Par exemple : visites de chantier entre femmes, métiers présentés par des professionnelles, solution de garde d'enfants, horaires adaptés…",
          maxLength: 1500,
          showIf: { questionId: 'actionFemmes', equals: 'oui' },
          public: true,
        },
        {
          id: 'modalitesRealisation',
          type: 'multiple',
          label: "Comment les heures d'insertion ont-elles été réalisées ?",
          hint: "Les modalités utilisées par les entreprises : embauche directe, mise à disposition, sous-traitance ou co-traitance avec une structure d'insertion…",
          get options() {
            return termChoices('modalities');
          },
          public: true,
        },
        {
          id: 'typesPartenaires',
          type: 'multiple',
          label: 'Partenaires mobilisés',
          hint: 'Cochez tous les types de structures avec qui vous avez travaillé.',
          get options() {
            return termChoices('actorTypes');
          },
          public: true,
        },
        {
          id: 'partenaires',
          type: 'textarea',
          label: 'Qui a fait quoi ?',
          hint: 'Le rôle des principaux partenaires. Par exemple : la Mission locale repère les jeunes, le GEIQ forme en alternance, le bailleur social ouvre ses marchés de gestion urbaine de proximité…',
          maxLength: 1500,
          public: true,
        },
      ],
    },

    // ─────────────────────────────────────── I. Moyens ───────────────────────────────────────
    {
      key: 'I',
      slug: 'moyens',
      title: 'Les moyens mobilisés',
      intro:
        "Les moyens humains et financiers consacrés à la pratique aident les autres territoires à mesurer ce qu'il faut pour la reproduire. Une estimation suffit.",
      questions: [
        {
          id: 'etpDedies',
          type: 'decimal',
          label: 'Temps de travail consacré',
          hint: 'En équivalent temps plein (ETP), toutes structures confondues : 1 = un plein temps, 0,5 = un mi-temps.',
          min: 0,
          max: 1000,
          unit: 'ETP',
          public: true,
        },
        {
          id: 'budgetAnnuel',
          type: 'decimal',
          label: 'Budget annuel de la pratique',
          hint: 'En euros, hors montant des marchés : salaires, prestations, communication… Pour une action ponctuelle, indiquez son coût total.',
          min: 0,
          max: 100000000,
          unit: '€',
          public: true,
        },
        {
          id: 'financeurs',
          type: 'multiple',
          label: 'Financeurs',
          hint: 'Cochez tous ceux qui ont contribué, même modestement.',
          get options() {
            return sansAutre(termChoices('funders'));
          },
          allowOther: true,
          public: true,
        },
        {
          id: 'outils',
          type: 'textarea',
          label: 'Outils utilisés ou créés',
          hint: "Par exemple : logiciel de suivi des heures, guide de rédaction des clauses, tableau de bord partagé, charte locale d'insertion, fiches métiers…",
          maxLength: 2000,
          public: true,
        },
      ],
    },

    // ─────────────────────────────────────── J. Résultats ───────────────────────────────────────
    {
      key: 'J',
      slug: 'resultats',
      title: 'Les résultats',
      intro:
        'Toutes les questions de cette page sont facultatives : indiquez ce que vous connaissez, même arrondi, et laissez vide le reste. Votre outil de suivi des clauses ou votre bilan annuel contiennent souvent ces chiffres.',
      questions: [
        {
          id: 'periodeResultats',
          type: 'text',
          label: 'Période couverte par ces chiffres',
          hint: 'Par exemple : année 2021, ou de mars 2019 à juin 2022.',
          maxLength: 100,
          public: true,
        },
        {
          id: 'heuresPrevues',
          type: 'integer',
          label: "Heures d'insertion prévues",
          hint: "Souvent égales aux heures inscrites dans les marchés. Pour les estimer : montant HT × part de main-d'œuvre × taux d'insertion ÷ coût horaire chargé. Exemple : 1 000 000 € × 50 % × 5 % ÷ 30 € ≈ 833 heures.",
          min: 0,
          max: 10000000,
          unit: 'heures',
          public: true,
        },
        {
          id: 'heuresRealisees',
          type: 'integer',
          label: "Heures d'insertion réalisées",
          hint: "Heures effectivement travaillées par les participants, d'après votre suivi.",
          min: 0,
          max: 10000000,
          unit: 'heures',
          public: true,
        },
        {
          id: 'etpRealises',
          type: 'decimal',
          label: 'Équivalent temps plein réalisé',
          hint: "Si vous ne l'avez pas, divisez les heures réalisées par 1 600 environ.",
          min: 0,
          max: 10000,
          unit: 'ETP',
          public: true,
        },
        {
          id: 'participants',
          type: 'integer',
          label: 'Nombre de participants',
          hint: 'Personnes ayant travaillé grâce à la clause. Chacune compte une fois, même avec plusieurs contrats.',
          min: 0,
          max: 100000,
          unit: 'personnes',
          public: true,
        },
        {
          id: 'participantesFemmes',
          type: 'integer',
          label: 'Dont femmes',
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'participantsQpv',
          type: 'integer',
          label: "Dont habitants d'un QPV",
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'participantsMoins26',
          type: 'integer',
          label: 'Dont moins de 26 ans',
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'participantsPlus50',
          type: 'integer',
          label: 'Dont plus de 50 ans',
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'contratsCdi',
          type: 'integer',
          label: 'Contrats en CDI',
          hint: 'Nombre de contrats signés. Une même personne peut en avoir eu plusieurs.',
          min: 0,
          max: 100000,
          unit: 'contrats',
          public: true,
        },
        {
          id: 'contratsCdd',
          type: 'integer',
          label: 'Contrats en CDD',
          min: 0,
          max: 100000,
          unit: 'contrats',
          public: true,
        },
        {
          id: 'contratsInterim',
          type: 'integer',
          label: "Missions d'intérim",
          hint: "Y compris l'intérim d'insertion (ETTI).",
          min: 0,
          max: 100000,
          unit: 'contrats',
          public: true,
        },
        {
          id: 'contratsAlternance',
          type: 'integer',
          label: 'Contrats en alternance',
          hint: 'Apprentissage ou contrat de professionnalisation, y compris via un GEIQ.',
          min: 0,
          max: 100000,
          unit: 'contrats',
          public: true,
        },
        {
          id: 'contratsInsertion',
          type: 'integer',
          label: "Contrats d'insertion",
          hint: "CDD d'insertion (CDDI) en atelier et chantier ou en entreprise d'insertion, contrats de mise à disposition par une association intermédiaire…",
          min: 0,
          max: 100000,
          unit: 'contrats',
          public: true,
        },
        {
          id: 'sortiesEmploiDurable',
          type: 'integer',
          label: 'Sorties en emploi durable',
          hint: "CDI, CDD ou intérim de 6 mois ou plus, ou création d'entreprise.",
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'sortiesEmploiTransition',
          type: 'integer',
          label: 'Sorties en emploi de transition',
          hint: 'CDD ou intérim de moins de 6 mois, contrat aidé.',
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'sortiesPositives',
          type: 'integer',
          label: 'Sorties positives',
          hint: "Entrée en formation qualifiante, embauche par une autre structure d'insertion…",
          min: 0,
          max: 100000,
          unit: 'personnes',
          notGreaterThan: 'participants',
          public: true,
        },
        {
          id: 'entreprisesMobilisees',
          type: 'integer',
          label: 'Entreprises mobilisées',
          hint: "Entreprises ayant réalisé des heures d'insertion, attributaires ou partenaires.",
          min: 0,
          max: 100000,
          unit: 'entreprises',
          public: true,
        },
      ],
    },

    // ─────────────────────────────────────── K. Analyse ───────────────────────────────────────
    {
      key: 'K',
      slug: 'analyse',
      title: 'Votre analyse',
      intro:
        "Votre retour d'expérience est la partie la plus précieuse pour les autres territoires : ce qui a marché, ce qui a coincé, et vos conseils.",
      questions: [
        {
          id: 'facteursReussite',
          type: 'textarea',
          label: 'Ce qui a fait la réussite',
          hint: 'Les conditions, les personnes ou les choix qui ont fait la différence.',
          maxLength: 2000,
          public: true,
        },
        {
          id: 'difficultes',
          type: 'textarea',
          label: 'Les difficultés rencontrées',
          hint: 'Et comment vous les avez surmontées, ou pas encore. Ce partage est très utile aux autres.',
          maxLength: 2000,
          public: true,
        },
        {
          id: 'transferabilite',
          type: 'textarea',
          label: 'Reproduire la pratique ailleurs',
          hint: "Vos conseils à un territoire qui voudrait s'en inspirer : prérequis, partenaires indispensables, pièges à éviter.",
          maxLength: 2000,
          public: true,
        },
        {
          id: 'perspectives',
          type: 'textarea',
          label: 'Et la suite ?',
          hint: "Évolutions prévues, extension à d'autres marchés ou publics, pérennisation…",
          maxLength: 2000,
          public: true,
        },
      ],
    },

    // ───────────────────────── L. Documents, contact public et consentement ─────────────────────────
    {
      key: 'L',
      slug: 'documents-consentement',
      title: 'Documents et publication',
      intro:
        'Vous pouvez joindre des documents ou des photos qui illustrent la pratique (guide, fiche de poste, article de presse…). Pour les photos, vérifiez que les personnes reconnaissables ont donné leur accord. Indiquez ensuite ce que nous pouvons publier.',
      attachments: true,
      questions: [
        {
          id: 'consentementPublication',
          type: 'single',
          label: 'Acceptez-vous que votre pratique soit publiée ?',
          hint: 'Les pratiques retenues sont présentées lors des rencontres régionales et dans le recueil national de bonnes pratiques.',
          required: true,
          options: [
            {
              value: 'oui-publication',
              label: 'Oui, sous forme de fiche pratique',
              hint: "Après relecture par l'équipe éditoriale du Tour de France de la clause sociale.",
            },
            {
              value: 'oui-anonyme',
              label: 'Oui, sans nommer ma structure',
              hint: 'La fiche ne cite ni votre structure ni votre nom ; le territoire reste indiqué.',
            },
            {
              value: 'non',
              label: 'Non, uniquement pour les statistiques',
              hint: 'Vos réponses alimentent seulement les chiffres consolidés du programme.',
            },
          ],
        },
        {
          id: 'contactPublic',
          type: 'single',
          label: 'Quel contact afficher sur la fiche ?',
          hint: "Pour que d'autres territoires puissent vous joindre.",
          required: true,
          options: [
            { value: 'structure-seulement', label: 'Le nom de la structure seulement' },
            { value: 'nom-et-structure', label: 'Votre nom et celui de la structure' },
            {
              value: 'nom-structure-email',
              label: 'Votre nom, la structure et votre adresse e-mail',
            },
          ],
          showIf: { questionId: 'consentementPublication', equals: 'oui-publication' },
        },
        {
          id: 'publicationSansRelecture',
          type: 'yesno',
          label: "Acceptez-vous que l'équipe publie la fiche sans vous la soumettre ?",
          hint: "Facultatif. Par défaut, l'équipe éditoriale vous envoie la fiche rédigée à partir de votre réponse : elle n'est publiée qu'après votre validation. Répondez « Oui » pour la laisser publier sans cette relecture.",
          showIf: { questionId: 'consentementPublication', equals: 'oui-publication' },
        },
        {
          id: 'consentementDonnees',
          type: 'consent',
          label:
            "J'ai pris connaissance de la notice d'information sur la protection des données et j'accepte que mes réponses soient traitées par Alliance Villes Emploi dans le cadre du Tour de France de la clause sociale.",
          hint: 'Vos coordonnées servent uniquement à vous recontacter au sujet de votre pratique et ne sont publiées que selon vos choix ci-dessus. Pour exercer vos droits : ave@ville-emploi.asso.fr.',
          required: true,
        },
      ],
    },
  ],
};
