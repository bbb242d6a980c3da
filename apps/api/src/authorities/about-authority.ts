/** Every registry event, whatever it changed (a key, a channel, a field), is about the authority: the log's subject. */
export const aboutAuthority = (authorityId: string) => ({ subjectType: 'authority' as const, subjectId: authorityId });
