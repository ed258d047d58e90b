/** A grade update as a sensitive action: what a teacher's security key signs (who is added by the confirmation). */
export function gradeUpdateAction(gradeId: string, score: number) {
  return { action: 'UpdateGrade', resource: `Grade::"${gradeId}"`, value: { score } };
}
