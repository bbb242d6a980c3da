import { Module } from '@nestjs/common';
import { StaffChangeExpiry } from './staff-change-expiry.js';
import { StaffChangesController } from './staff-changes.controller.js';
import { StaffController } from './staff.controller.js';
import { StaffService } from './staff.service.js';

/** Staff accounts, and four eyes on what grants or restores access (staff changes). */
@Module({
  controllers: [StaffController, StaffChangesController],
  providers: [StaffService, StaffChangeExpiry],
})
export class StaffModule {}
