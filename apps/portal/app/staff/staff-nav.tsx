import type { StaffRole } from '@writ/contracts';
import {
  CreateRequestRoute,
  ListAuditEvents,
  ListAuthorities,
  ListCanaryDrafts,
  ListRegistryChanges,
  ListReportDrafts,
  ListRequestsRoute,
  ListStaff,
  ListStaffChanges,
  NotificationQueueRoute,
} from '@writ/contracts';
import Link from '@/components/link';
import { whoIsHere } from '@/lib/staff-gate';

// The staff area's own navigation: only the places this person's roles open, taken from the routes' contracts so
// that the menu and the API's access rules cannot drift apart. The API still refuses everything else.

function allowedBy(
  place: { route: { access: { roles?: readonly StaffRole[] } }; only?: StaffRole },
  roles: readonly StaffRole[],
): boolean {
  if (place.only && !roles.includes(place.only)) return false;
  return (place.route.access.roles ?? []).some((role) => roles.includes(role));
}

const PLACES = [
  { href: '/staff/requests', label: 'Requests', route: ListRequestsRoute },
  { href: '/staff/requests/new', label: 'Log a request', route: CreateRequestRoute },
  { href: '/staff/notify', label: 'Users to notify', route: NotificationQueueRoute },
  { href: '/staff/changes', label: 'Account changes', route: ListStaffChanges },
  { href: '/staff/accounts', label: 'Staff accounts', route: ListStaff },
  // Every role may read the registry (intake picks the authority), but in the menu it is the admins' place.
  { href: '/staff/registry', label: 'Authorities', route: ListAuthorities, only: 'ADMIN' },
  { href: '/staff/registry/changes', label: 'Registry changes', route: ListRegistryChanges },
  { href: '/staff/reports', label: 'Transparency reports', route: ListReportDrafts },
  { href: '/staff/canary', label: 'Warrant canary', route: ListCanaryDrafts },
  { href: '/staff/audit', label: 'Audit explorer', route: ListAuditEvents },
] as const;

export async function StaffNav() {
  const who = await whoIsHere();
  if (who.state !== 'in' || who.me.passwordChangeRequired) return null;
  const { roles } = who.me.staff;
  const places = PLACES.filter((place) => allowedBy(place, roles));
  return (
    // data-writ-staff: whom this page was rendered for (lib/browser-api.ts sends nothing on another person's session).
    <nav aria-label="Staff" className="staff-nav" data-testid="staff-nav" data-writ-staff={who.me.staff.id}>
      <ul>
        <li>
          <Link href="/staff">Your account</Link>
        </li>
        {places.map((place) => (
          <li key={place.href}>
            <Link href={place.href}>{place.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
