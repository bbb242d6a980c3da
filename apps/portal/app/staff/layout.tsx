import { type ReactNode, Suspense } from 'react';
import { NavigationStatus } from '@/components/navigation-status';
import { StaffNav } from './staff-nav';
import './staff.css';
import './admin/admin.css';

export default function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <StaffNav />
      {/* It reads the address (useSearchParams), which a page may render without. */}
      <Suspense fallback={null}>
        <NavigationStatus />
      </Suspense>
      {children}
    </>
  );
}
