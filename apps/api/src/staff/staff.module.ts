import { Module } from '@nestjs/common';
import { StaffChangeExpiry } from './staff-change-expiry.js';
import { StaffChangesController } from './staff-changes.controller.js';
import { StaffChangesService } from './staff-changes.service.js';
import { StaffController } from './staff.controller.js';
import { StaffService } from './staff.service.js';

@Module({
  controllers: [StaffController, StaffChangesController],
  providers: [StaffService, StaffChangesService, StaffChangeExpiry],
})
export class StaffModule {}
