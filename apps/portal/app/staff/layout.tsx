import type { ReactNode } from 'react';
import { StaffNav } from './staff-nav';
import './staff.css';
import './admin/admin.css';

export default function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <StaffNav />
      {children}
    </>
  );
}
