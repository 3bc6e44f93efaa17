/** The roles of reference/oz-api.md §9, plus SYSTEM for the platform's own workers. */
export const ROLES = ['ADMIN', 'OPERATOR', 'CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command. ADMIN, OPERATOR and SYSTEM belong to no company. */
export type Actor = Readonly<{ user_id: string; company_id: string | null; role: Role }>;
